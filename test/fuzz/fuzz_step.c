/*
 * fuzz_step.c — libFuzzer target for the rules of a stepped indicator (src/step_core.c) on
 * integer values, against a plain reading of doc/rules.md §8.4: thresholds strictly monotone in
 * the stated or inferred direction, amounts not negative and not decreasing, first problem
 * reported in the documented order; the level paid is the best threshold the measure reaches.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "step_core.h"

static int
icmp(uintptr_t a, uintptr_t b, void *ctx)
{
	int64_t		x = (int64_t) a;
	int64_t		y = (int64_t) b;

	(void) ctx;
	return (x > y) - (x < y);
}

/* The reference: the same problems, found by rules written out plainly. */
static StepCheck
reference(const int64_t *th, int nt, const int64_t *am, int na, int direction)
{
	StepCheck	r = {STEP_OK, 0, 0};
	int			i;
	int			up = 1,
				down = 1;

	if (nt != na)
		return (StepCheck) {STEP_LENGTHS, 0, 0};
	if (nt < 2)
		r.order = direction ? direction : 1;
	else if (th[1] == th[0])
		return (StepCheck) {STEP_FIRST_TWO_EQUAL, 1, 0};
	else
		r.order = th[1] > th[0] ? 1 : -1;
	if (direction && r.order != direction)
		return (StepCheck) {STEP_WRONG_DIRECTION, 1, r.order};
	for (i = 2; i < nt; i++)
	{
		up = up && th[i] > th[i - 1];
		down = down && th[i] < th[i - 1];
		if ((r.order > 0 && !up) || (r.order < 0 && !down))
			return (StepCheck) {STEP_NOT_MONOTONE, i, r.order};
	}
	for (i = 0; i < na; i++)
	{
		if (am[i] < 0)
			return (StepCheck) {STEP_AMOUNT_NEGATIVE, i, r.order};
		if (i > 0 && am[i] < am[i - 1])
			return (StepCheck) {STEP_AMOUNT_DECREASES, i, r.order};
	}
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t		th[8],
				am[8],
				measured;
	uintptr_t	uth[8],
				uam[8];
	int			nt,
				na,
				direction,
				i,
				level,
				want_level;
	StepCheck	got,
				want;

	if (size < 3)
		return 0;
	nt = data[0] % 6;
	na = (data[1] & 0x80) ? (data[1] % 6) : nt;	/* mostly equal lengths */
	direction = (int) (data[2] % 3) - 1;
	data += 3;
	size -= 3;
	/* small values, so that equal and out-of-order neighbours are frequent */
	for (i = 0; i < 8; i++)
	{
		th[i] = i < (int) size ? (int8_t) data[i] % 16 : i;
		am[i] = 8 + i < (int) size ? (int8_t) data[8 + i] % 16 : i;
		uth[i] = (uintptr_t) th[i];
		uam[i] = (uintptr_t) am[i];
	}
	measured = size > 16 ? (int8_t) data[16] % 20 : 0;

	got = exco_step_check(uth, nt, uam, na, (uintptr_t) (int64_t) 0, direction, icmp, NULL);
	want = reference(th, nt, am, na, direction);
	if (got.problem != want.problem || got.index != want.index ||
		(want.problem != STEP_OK && want.problem != STEP_LENGTHS &&
		 want.problem != STEP_FIRST_TWO_EQUAL && got.order != want.order))
		abort();
	if (got.problem != STEP_OK)
		return 0;
	if (got.order != want.order)
		abort();

	/* the best threshold reached: the last one in the list that the measure is at or beyond */
	level = exco_step_level((uintptr_t) measured, uth, nt, got.order, icmp, NULL);
	want_level = -1;
	for (i = 0; i < nt; i++)
		if (got.order > 0 ? measured >= th[i] : measured <= th[i])
			want_level = i;
	if (level != want_level)
		abort();
	return 0;
}
