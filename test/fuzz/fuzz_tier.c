/*
 * fuzz_tier.c — libFuzzer target for exco.tier's input (src/tier_core.c): the text literal and
 * the binary form. Properties: a literal parses to 0 (not a tier) or 1..4; it parses to t != 0
 * exactly when, blanks around and ASCII case aside, it is "t", "Tt" or "taille<blanks>t" for a
 * digit t in 1..4 (checked against a second, independent reading); the binary form is accepted
 * exactly for version byte 1 and tier byte 1..4.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tier_core.h"

/* The reference reading: strip blanks, lower-case ASCII, then compare with the accepted forms. */
static int
reference_parse(const char *s)
{
	size_t		n = strlen(s);
	size_t		a = 0,
				b = n;
	char		buf[64];
	size_t		len,
				i;

	while (a < n && isspace((unsigned char) s[a]))
		a++;
	while (b > a && isspace((unsigned char) s[b - 1]))
		b--;
	len = b - a;
	if (len == 0 || len >= sizeof(buf))
		return 0;
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[a + i];

		buf[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (char) c;
	}
	buf[len] = '\0';
	if (len == 1 && buf[0] >= '1' && buf[0] <= '4')
		return buf[0] - '0';
	if (len == 2 && buf[0] == 't' && buf[1] >= '1' && buf[1] <= '4')
		return buf[1] - '0';
	if (len >= 8 && memcmp(buf, "taille", 6) == 0 && isspace((unsigned char) buf[6]))
	{
		for (i = 6; i < len - 1; i++)
			if (!isspace((unsigned char) buf[i]))
				return 0;
		if (buf[len - 1] >= '1' && buf[len - 1] <= '4')
			return buf[len - 1] - '0';
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);
	int			t,
				r;

	memcpy(s, data, size);
	s[size] = '\0';
	t = exco_tier_parse(s);
	if (t < 0 || t > 4)
		abort();
	/* literals longer than the reference's buffer are never tiers unless mostly blanks */
	if (strlen(s) < 60 && (r = reference_parse(s)) != t)
		abort();
	free(s);

	if (size >= 2)
	{
		TierBinary b = exco_tier_check_binary(data[0], data[1]);
		int			ok = data[0] == TIER_SEND_VERSION && data[1] >= 1 && data[1] <= 4;

		if ((b == TIER_BINARY_OK) != ok)
			abort();
	}
	return 0;
}
