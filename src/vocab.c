/* vocab.c: the closed vocabularies; one table per vocabulary keeps each
 * value beside its labels so the validator, the views and the man page
 * cannot drift apart. */
#include "yeonpyo/vocab.h"

#include <string.h>

typedef struct {
	const char *value;
	const char *ko;
	const char *en;
} vocab_entry;

static const vocab_entry org_kinds[] = {
	{"company", "기업", "company"},
	{"group", "그룹", "business group"},
	{"university", "대학", "university"},
	{"lab", "연구소", "lab"},
	{"institute", "연구기관", "institute"},
	{"government", "정부", "government"},
	{"alliance", "얼라이언스", "alliance"},
	{"consortium", "컨소시엄", "consortium"},
	{"association", "협회", "association"},
	{NULL, NULL, NULL},
};

static const vocab_entry event_kinds[] = {
	{"agreement", "협약", "agreement"},
	{"founding", "설립", "founding"},
	{"launch", "출범", "launch"},
	{"meeting", "회동", "meeting"},
	{"conference", "행사", "conference"},
	{"kickoff", "착수", "kickoff"},
	{"opening", "개소", "opening"},
	{"selection", "선정", "selection"},
	{"evaluation", "평가", "evaluation"},
	{"release", "공개", "release"},
	{"membership", "가입", "membership"},
	{"investment", "투자", "investment"},
	{"appointment", "영입", "appointment"},
	{"announcement", "발표", "announcement"},
	{"plan", "계획", "plan"},
	{NULL, NULL, NULL},
};

static const vocab_entry statuses[] = {
	{"done", "완료", "done"},
	{"planned", "예정", "planned"},
	{NULL, NULL, NULL},
};

static const vocab_entry org_roles[] = {
	{"lead", "주도", "lead"},
	{"founder", "창립", "founder"},
	{"signer", "서명", "signer"},
	{"member", "회원", "member"},
	{"host", "주최", "host"},
	{"organizer", "주관", "organizer"},
	{"partner", "협력", "partner"},
	{"participant", "참여", "participant"},
	{"funder", "지원", "funder"},
	{"investor", "투자", "investor"},
	{"developer", "개발", "developer"},
	{"evaluator", "평가", "evaluator"},
	{NULL, NULL, NULL},
};

static const vocab_entry person_roles[] = {
	{"signer", "서명", "signer"},
	{"chair", "의장", "chair"},
	{"lead", "총괄", "lead"},
	{"speaker", "발언", "speaker"},
	{"attendee", "참석", "attendee"},
	{"director", "소장", "director"},
	{"member", "구성원", "member"},
	{"recruit", "영입", "recruit"},
	{NULL, NULL, NULL},
};

static const vocab_entry source_kinds[] = {
	{"press-release", "보도자료", "press release"},
	{"news", "기사", "news"},
	{"blog", "블로그", "blog"},
	{"report", "보고서", "report"},
	{"web", "웹", "web"},
	{NULL, NULL, NULL},
};

/* Seen from the event that holds the link; link_reverse has the same
 * relations seen from the event it names. */
static const vocab_entry link_kinds[] = {
	{"follows", "앞선 일", "follows"},
	{"outcome-of", "계획", "outcome of"},
	{"see-also", "관련", "see also"},
	{NULL, NULL, NULL},
};

static const vocab_entry link_reverse[] = {
	{"follows", "뒤이은 일", "followed by"},
	{"outcome-of", "결과", "outcome"},
	{"see-also", "관련", "see also"},
	{NULL, NULL, NULL},
};

typedef struct {
	const char *name;
	const char *values;
	const vocab_entry *entries;
} vocab_table;

static const vocab_table tables[VOCAB_COUNT] = {
	[VOCAB_ORG_KIND] = {"organization kind",
		"company, group, university, lab, institute, government, "
		"alliance, consortium, association", org_kinds},
	[VOCAB_EVENT_KIND] = {"event kind",
		"agreement, founding, launch, meeting, conference, kickoff, "
		"opening, selection, evaluation, release, membership, "
		"investment, appointment, announcement, plan", event_kinds},
	[VOCAB_STATUS] = {"status", "done, planned", statuses},
	[VOCAB_ORG_ROLE] = {"organization role",
		"lead, founder, signer, member, host, organizer, partner, "
		"participant, funder, investor, developer, evaluator", org_roles},
	[VOCAB_PERSON_ROLE] = {"person role",
		"signer, chair, lead, speaker, attendee, director, member, "
		"recruit", person_roles},
	[VOCAB_SOURCE_KIND] = {"source kind",
		"press-release, news, blog, report, web", source_kinds},
	[VOCAB_LINK_KIND] = {"link kind", "follows, outcome-of, see-also",
		link_kinds},
};

static const vocab_entry *vocab_find(vocab_id v, const char *value)
{
	if (v >= VOCAB_COUNT || !value)
		return NULL;
	for (const vocab_entry *e = tables[v].entries; e->value; e++)
		if (strcmp(e->value, value) == 0)
			return e;
	return NULL;
}

bool vocab_has(vocab_id v, const char *value)
{
	return vocab_find(v, value) != NULL;
}

const char *vocab_label(vocab_id v, const char *value, yp_lang lang)
{
	const vocab_entry *e = vocab_find(v, value);
	if (!e)
		return value ? value : "";
	return lang == LANG_KO ? e->ko : e->en;
}

const char *vocab_name(vocab_id v)
{
	return v < VOCAB_COUNT ? tables[v].name : "value";
}

const char *vocab_values(vocab_id v)
{
	return v < VOCAB_COUNT ? tables[v].values : "";
}

const char *vocab_link_label(const char *kind, bool incoming, yp_lang lang)
{
	if (!incoming)
		return vocab_label(VOCAB_LINK_KIND, kind, lang);
	for (const vocab_entry *e = link_reverse; kind && e->value; e++)
		if (strcmp(e->value, kind) == 0)
			return lang == LANG_KO ? e->ko : e->en;
	return kind ? kind : "";
}
