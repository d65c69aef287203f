/*
 * step_core.c — the rules of a stepped indicator, without the server (see step_core.h).
 */
#include "step_core.h"

static int
sign_of(int c)
{
	return (c > 0) - (c < 0);
}

StepCheck
exco_step_check(const uintptr_t *th, int nt, const uintptr_t *am, int na, uintptr_t zero,
				int direction, StepCmp cmp, void *ctx)
{
	StepCheck	r = {STEP_OK, 0, 0};
	int			i;

	if (nt != na)
	{
		r.problem = STEP_LENGTHS;
		return r;
	}
	/* The order of the first two thresholds sets the direction; the rest must follow it. */
	r.order = nt >= 2 ? sign_of(cmp(th[1], th[0], ctx)) : (direction != 0 ? direction : 1);
	if (r.order == 0)
		r.problem = STEP_FIRST_TWO_EQUAL, r.index = 1;
	else if (direction != 0 && r.order != direction)
		r.problem = STEP_WRONG_DIRECTION, r.index = 1;
	if (r.problem != STEP_OK)
		return r;
	for (i = 2; i < nt; i++)
		if (sign_of(cmp(th[i], th[i - 1], ctx)) != r.order)
		{
			r.problem = STEP_NOT_MONOTONE, r.index = i;
			return r;
		}
	/*
	 * Amounts: none negative, none below the one before. An amount not below a non-negative one is
	 * not negative, so a valid list costs one comparison with zero and one per pair; the first
	 * amount that fails is told negative before decreasing, as each were checked against zero.
	 */
	for (i = 0; i < na; i++)
		if ((i == 0 || cmp(am[i], am[i - 1], ctx) < 0))
		{
			if (cmp(am[i], zero, ctx) < 0)
				r.problem = STEP_AMOUNT_NEGATIVE, r.index = i;
			else if (i > 0)
				r.problem = STEP_AMOUNT_DECREASES, r.index = i;
			if (r.problem != STEP_OK)
				return r;
		}
	return r;
}

int
exco_step_level(uintptr_t measured, const uintptr_t *th, int nt, int order, StepCmp cmp, void *ctx)
{
	int			i;

	for (i = nt - 1; i >= 0; i--)
		if (sign_of(cmp(measured, th[i], ctx)) * order >= 0)
			return i;
	return -1;
}
