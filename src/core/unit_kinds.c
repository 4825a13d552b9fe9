/* unit_kinds.c: the unit kinds a year's schemes name beyond county and
 * department (school, hospital, community, …). Each such word gets a
 * number from KIND_COUNT on, the same for the life of the process; only
 * the word is ever stored, never the number. The table is shared by the
 * web server's threads, so it is guarded by a spin lock. */
#include "unit_rules.h"

#include <stdatomic.h>
#include <string.h>

struct extra_kind {
	char word[UNIT_KIND_WORD_MAX + 1];
	char title[UNIT_KIND_TITLE_BYTES];
};

static struct extra_kind extras[KIND_EXTRA_MAX];
static int nextras;
static atomic_flag lock = ATOMIC_FLAG_INIT;

/* Takes and releases the table's lock. */
static void take(void)
{
	while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
		;
}

static void give(void)
{
	atomic_flag_clear_explicit(&lock, memory_order_release);
}

bool unit_kind_word_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > UNIT_KIND_WORD_MAX || !(s[0] >= 'a' && s[0] <= 'z') || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

int unit_kind_intern(const char *word, const char *title)
{
	if (!unit_kind_word_valid(word))
		return -1;
	for (int i = 0; i < KIND_COUNT; i++)
		if (strcmp(word, unit_kind_name((enum unit_kind)i)) == 0)
			return i;
	if (title && strlen(title) >= UNIT_KIND_TITLE_BYTES)
		title = NULL;
	int k = -1;
	take();
	for (int i = 0; i < nextras && k < 0; i++)
		if (strcmp(extras[i].word, word) == 0)
			k = i;
	if (k < 0 && nextras < KIND_EXTRA_MAX) {
		k = nextras++;
		memcpy(extras[k].word, word, strlen(word) + 1);
	}
	/* the first title a scheme gives the word stays: a name already
	 * handed out is never changed under a reader */
	if (k >= 0 && title && *title && !extras[k].title[0])
		memcpy(extras[k].title, title, strlen(title) + 1);
	give();
	return k < 0 ? -1 : KIND_COUNT + k;
}

/* The extra kind k's entry, or NULL. */
static const struct extra_kind *extra(int k)
{
	take();
	const struct extra_kind *e = k >= KIND_COUNT && k < KIND_COUNT + nextras ? &extras[k - KIND_COUNT]
		: NULL;
	give();
	return e;
}

const char *unit_kind_extra_name(int k)
{
	const struct extra_kind *e = extra(k);
	return e ? e->word : "";
}

const char *unit_kind_extra_title(int k)
{
	const struct extra_kind *e = extra(k);
	if (!e)
		return "";
	take();
	const char *t = e->title[0] ? e->title : e->word;
	give();
	return t;
}

int unit_kind_extra_parse(const char *s)
{
	int k = -1;
	take();
	for (int i = 0; s && i < nextras && k < 0; i++)
		if (strcmp(s, extras[i].word) == 0 || (extras[i].title[0] && strcmp(s, extras[i].title) == 0))
			k = KIND_COUNT + i;
	give();
	return k;
}
