/*
 * scheme_label.c — the enums of the other schemes (exco.structure_kind, exco.profession,
 * exco.assistant_share) mapped to C indexes by label, never by OID or sort order, so the mapping
 * survives dump/restore and a later ALTER TYPE ... ADD VALUE (like exco.mission, mission.c).
 */
#include "schemes.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "utils/array.h"
#include "utils/syscache.h"

const char *const exco_kind_labels[KIND_COUNT] = {
	"esp", "msp", "cpts", "ess", "rcp", "other_pluri",
};

const char *const exco_profession_labels[PROF_COUNT] = {
	"medecin_generaliste", "medecin_specialiste", "infirmier", "masseur_kinesitherapeute",
	"pharmacien", "sage_femme", "chirurgien_dentiste", "orthophoniste", "orthoptiste",
	"pedicure_podologue", "dieteticien", "ergotherapeute",
};

const char *const exco_assistant_share_labels[ASSISTANT_SHARE_COUNT] = {
	"1/3", "1/2", "full",
};

static const char *const sector_labels[SECTOR_COUNT] = {"1", "2-optam", "2", "3"};

const LabelSet exco_kind_set = {"exco.structure_kind", exco_kind_labels, KIND_COUNT};
const LabelSet exco_profession_set = {"exco.profession", exco_profession_labels, PROF_COUNT};
const LabelSet exco_assistant_share_set = {"exco.assistant_share", exco_assistant_share_labels,
ASSISTANT_SHARE_COUNT};
const LabelSet exco_sector_set = {"exco.sector", sector_labels, SECTOR_COUNT};

int
exco_label_index(LabelCache *cache, const LabelSet *set, Oid enumval)
{
	HeapTuple	tup;
	const char *label;
	int			i;

	for (i = 0; i < cache->n; i++)
		if (cache->oids[i] == enumval)
			return cache->index[i];

	tup = SearchSysCache1(ENUMOID, ObjectIdGetDatum(enumval));
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid internal value for enum: %u", enumval)));
	label = NameStr(((Form_pg_enum) GETSTRUCT(tup))->enumlabel);
	for (i = 0; i < set->count; i++)
		if (strcmp(label, set->labels[i]) == 0)
			break;
	if (i == set->count)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("exco does not know the rules of %s value \"%s\"", set->type_name, label),
				 errhint("A value added to %s after this release needs its rules in exco's C code.",
						 set->type_name)));
	ReleaseSysCache(tup);

	if (cache->n < (int) lengthof(cache->oids))
	{
		cache->oids[cache->n] = enumval;
		cache->index[cache->n] = (int8) i;
		cache->n++;
	}
	return i;
}

int *
exco_label_array(LabelCache *cache, const LabelSet *set, ArrayType *arr, int *n,
				 const char *what_list)
{
	Datum	   *elems;
	bool	   *nulls;
	int		   *out;
	int			i;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array, not %d-dimensional", what_list, ARR_NDIM(arr))));
	deconstruct_array(arr, ARR_ELEMTYPE(arr), sizeof(Oid), true, TYPALIGN_INT, &elems, &nulls, n);
	out = palloc(sizeof(int) * Max(*n, 1));
	for (i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL (element %d)", what_list, i + 1),
					 errhint("List one %s value per element.", set->type_name)));
		out[i] = exco_label_index(cache, set, DatumGetObjectId(elems[i]));
	}
	return out;
}

LabelCache *
exco_label_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(LabelCache));
	return (LabelCache *) fcinfo->flinfo->fn_extra;
}
