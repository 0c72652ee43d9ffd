/* gen.c: writes N synthetic events as yeonpyo/1 NDJSON on standard output,
 * the same for the same seed: 500 organizations, people, sources, and
 * events over 1990-2030 with bursts, in Korean and English made of varied
 * syllables and words, with tags and figures. For benchmarks and tests.
 *
 *   gen [--document] N [SEED] > feed   (NDJSON, or one JSON document) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORGS 500
#define PEOPLE 2000
#define SOURCES 5000

/* xorshift64*: small, fast and the same everywhere for a seed. */
static unsigned long long state;

static unsigned long long next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

/* A Hangul syllable from common initials, medials and finals, so that
 * words vary but stay pronounceable. */
static void syllable(FILE *out)
{
	static const unsigned initials[] = {0, 2, 3, 5, 6, 7, 9, 11, 12, 14,
					    15, 16, 17, 18};
	static const unsigned medials[] = {0, 4, 8, 13, 18, 20, 1, 6};
	static const unsigned finals[] = {0, 0, 0, 4, 8, 16, 21, 1, 17};
	unsigned cp = 0xAC00 + (initials[pick(14)] * 21 + medials[pick(8)]) * 28 +
		      finals[pick(9)];
	fputc((int)(0xE0 | (cp >> 12)), out);
	fputc((int)(0x80 | ((cp >> 6) & 0x3F)), out);
	fputc((int)(0x80 | (cp & 0x3F)), out);
}

static void korean_words(FILE *out, unsigned words)
{
	for (unsigned w = 0; w < words; w++) {
		if (w)
			fputc(' ', out);
		unsigned n = 2 + pick(3);
		for (unsigned k = 0; k < n; k++)
			syllable(out);
	}
}

static void english_words(FILE *out, unsigned words)
{
	static const char *const vocab[] = {
		"alliance", "launch", "model", "research", "partners", "telecom",
		"agreement", "consortium", "signs", "opens", "lab", "AI", "data",
		"center", "platform", "sovereign", "foundation", "agent", "chip",
		"investment", "talent", "global", "network", "cloud", "robotics"};
	for (unsigned w = 0; w < words; w++)
		fprintf(out, "%s%s", w ? " " : "", vocab[pick(25)]);
}

static void organization(FILE *out, unsigned i)
{
	static const char *const kinds[] = {"company", "group", "university",
					    "lab", "institute", "government",
					    "alliance", "consortium"};
	fprintf(out, "{\"id\": \"org-%u\", \"name\": "
		"{\"ko\": \"", i);
	korean_words(out, 1 + pick(2));
	fprintf(out, "\", \"en\": \"Org %u ", i);
	english_words(out, 1);
	fprintf(out, "\"}, \"short\": \"O%u\", \"kind\": \"%s\", \"country\": "
		"\"KR\"}", i, kinds[pick(8)]);
}

static void person(FILE *out, unsigned i)
{
	fprintf(out, "{\"id\": \"person-%u\", \"name\": {\"ko\": \"",
		i);
	korean_words(out, 1);
	fprintf(out, "\", \"en\": \"Person %u\"}, \"organization\": \"org-%u\"}",
		i, pick(ORGS));
}

static void source(FILE *out, unsigned i)
{
	fprintf(out, "{\"id\": \"src-%u\", \"title\": \"", i);
	korean_words(out, 4);
	fprintf(out, "\", \"publisher\": \"Wire %u\", \"language\": \"ko\", "
		"\"kind\": \"news\"}", i % 40);
}

/* Dates cluster: a burst year holds many more events than a quiet one. */
static void date(FILE *out)
{
	unsigned year = 1990 + (pick(4) ? 20 + pick(16) : pick(41));
	unsigned month = 1 + pick(12);
	unsigned day = 1 + pick(28);
	switch (pick(10)) {
	case 0:
		fprintf(out, "%u", year);
		break;
	case 1:
		fprintf(out, "%u-%02u", year, month);
		break;
	default:
		fprintf(out, "%u-%02u-%02u", year, month, day);
		break;
	}
}

static void event(FILE *out, unsigned long i)
{
	static const char *const kinds[] = {"agreement", "founding", "launch",
					    "meeting", "release", "selection"};
	static const char *const tags[] = {"alliance", "telco-ai", "research",
					   "sovereign-ai", "ai-agent", "global"};
	fprintf(out, "{\"id\": \"ev-%lu\", \"date\": \"", i);
	date(out);
	fprintf(out, "\", \"status\": \"%s\", \"kind\": \"%s\", \"title\": {\"ko\": \"",
		pick(8) ? "done" : "planned", kinds[pick(6)]);
	korean_words(out, 3 + pick(4));
	fputs("\", \"en\": \"", out);
	english_words(out, 4 + pick(5));
	fputs("\"}, \"summary\": {\"ko\": \"", out);
	korean_words(out, 12 + pick(12));
	fputs(". ", out);
	korean_words(out, 8);
	fputs(".\", \"en\": \"", out);
	english_words(out, 20 + pick(15));
	fprintf(out, ".\"}, \"organizations\": [{\"id\": \"org-%u\", \"role\": "
		"\"lead\"}, {\"id\": \"org-%u\", \"role\": \"partner\"}], "
		"\"people\": [{\"id\": \"person-%u\", \"role\": \"speaker\"}], "
		"\"sources\": [\"src-%u\"], \"tags\": [\"%s\"], \"figures\": "
		"[{\"label\": {\"ko\": \"예산\", \"en\": \"Budget\"}, \"value\": "
		"\"%u억 원\"}]}", pick(ORGS / 2), ORGS / 2 + pick(ORGS / 2),
		pick(PEOPLE), pick(SOURCES), tags[pick(6)], 1 + pick(5000));
}

/* Each record in its wrapper: a line of NDJSON, or an element of one of
 * the document's arrays (first says whether the array starts here). */
typedef struct {
	int document;
	const char *key;      /* NDJSON: the record kind */
	const char *section;  /* document: the array */
} form;

static void open_record(const form *f, int first)
{
	if (!f->document)
		printf("{\"%s\": ", f->key);
	else if (first)
		printf("%s\"%s\": [\n", strcmp(f->section, "organizations")
		       ? "],\n" : "", f->section);
	else
		fputs(",\n", stdout);
}

static void close_record(const form *f)
{
	if (!f->document)
		fputs("}\n", stdout);
}

int main(int argc, char **argv)
{
	int document = argc > 1 && strcmp(argv[1], "--document") == 0;
	argc -= document;
	argv += document;
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen [--document] N [SEED] > feed\n");
		return 64;
	}
	unsigned long n = strtoul(argv[1], NULL, 10);
	state = argc == 3 ? strtoull(argv[2], NULL, 10) : 20251123ULL;
	if (state == 0)
		state = 1;
	form orgs = {document, "organization", "organizations"};
	form people = {document, "person", "people"};
	form sources = {document, "source", "sources"};
	form events = {document, "event", "events"};
	if (document)
		fputs("{\"format\": \"yeonpyo/1\",\n", stdout);
	for (unsigned i = 0; i < ORGS; i++) {
		open_record(&orgs, i == 0);
		organization(stdout, i);
		close_record(&orgs);
	}
	for (unsigned i = 0; i < PEOPLE; i++) {
		open_record(&people, i == 0);
		person(stdout, i);
		close_record(&people);
	}
	for (unsigned i = 0; i < SOURCES; i++) {
		open_record(&sources, i == 0);
		source(stdout, i);
		close_record(&sources);
	}
	for (unsigned long i = 0; i < n; i++) {
		open_record(&events, i == 0);
		event(stdout, i);
		close_record(&events);
	}
	if (document)
		fputs(n ? "]}\n" : "],\n\"events\": []}\n", stdout);
	return fflush(stdout) == 0 ? 0 : 74;
}
