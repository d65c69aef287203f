/*
 * tier_core.c — exco.tier's literal and binary form, without the server (see tier_core.h).
 */
#include "tier_core.h"

#include <ctype.h>
#include <string.h>

/* ASCII case-insensitive prefix compare of n bytes, as PostgreSQL's pg_strncasecmp. */
static int
ascii_prefix_eq(const char *s, const char *lower_word, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char) lower_word[i])
			return 0;
	}
	return 1;
}

int
exco_tier_parse(const char *str)
{
	const char *p = str;
	const char *end;

	while (isspace((unsigned char) *p))
		p++;
	end = p + strlen(p);
	while (end > p && isspace((unsigned char) end[-1]))
		end--;

	if (end - p >= 6 && ascii_prefix_eq(p, "taille", 6))
	{
		p += 6;
		if (!isspace((unsigned char) *p))
			return 0;
		while (p < end && isspace((unsigned char) *p))
			p++;
	}
	else if (end - p == 2 && (*p == 'T' || *p == 't'))
		p++;

	if (end - p == 1 && *p >= '1' && *p <= '4')
		return *p - '0';
	return 0;
}

TierBinary
exco_tier_check_binary(int version, int tier)
{
	if (version != TIER_SEND_VERSION)
		return TIER_BINARY_BAD_VERSION;
	if (tier < 1 || tier > 4)
		return TIER_BINARY_BAD_VALUE;
	return TIER_BINARY_OK;
}
