/* replay.c: runs a fuzz target over files (seed corpora and the inputs
 * that once crashed it), outside libFuzzer, so that make check replays
 * them with any compiler and under the sanitizer build.
 * usage: replay_TARGET FILE... -> "N inputs" on success */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	size_t cap = 4096, len = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			uint8_t *grown = realloc(buf, cap * 2);
			if (!grown) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
			cap *= 2;
		}
	}
	int bad = ferror(f) || !buf;
	fclose(f);
	if (!bad)
		LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	if (bad)
		fprintf(stderr, "%s: cannot read\n", path);
	return bad;
}

int main(int argc, char **argv)
{
	int bad = 0;
	for (int i = 1; i < argc; i++)
		bad |= replay(argv[i]);
	printf("%d inputs\n", argc - 1);
	return bad;
}
