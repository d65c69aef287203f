/*
 * tier_core.h — the pure part of exco.tier's input (tier_core.c, no PostgreSQL header: fuzzed
 * alone by test/fuzz/fuzz_tier.c): the text literal and the binary form.
 */
#ifndef EXCO_TIER_CORE_H
#define EXCO_TIER_CORE_H

#define TIER_SEND_VERSION 1

/*
 * The tier (1..4) of a literal: 1..4, T1..T4, "taille 1".."taille 4", case-insensitive, blanks
 * around ignored; 0 when it is not a tier.
 */
extern int	exco_tier_parse(const char *str);

/* The binary form: a format-version byte, then the tier byte. */
typedef enum TierBinary
{
	TIER_BINARY_OK = 0,
	TIER_BINARY_BAD_VERSION,
	TIER_BINARY_BAD_VALUE
} TierBinary;

extern TierBinary exco_tier_check_binary(int version, int tier);

#endif							/* EXCO_TIER_CORE_H */
