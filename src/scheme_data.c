/*
 * scheme_data.c — the dated amounts of the other schemes (exco.forfait_structure,
 * exco.assistant_aid_amount), read by SPI once per call site and kept while the running statement
 * sees the same data (read_stamp.h), like the financing scales (scale.c): one comparison per row
 * within a query, never one query per row.
 */
#include "schemes.h"

#include "executor/spi.h"
#include "spi_util.h"
#include "utils/memutils.h"

#define FORFAIT_QUERY \
	"SELECT effective_from, (indicator_amount OPERATOR(pg_catalog.*) 100)::pg_catalog.int8," \
	"       (volet2_amount OPERATOR(pg_catalog.*) 100)::pg_catalog.int8" \
	"  FROM exco.forfait_structure ORDER BY effective_from"

#define AID_QUERY \
	"SELECT effective_from, share::pg_catalog.text, contract_year," \
	"       (amount OPERATOR(pg_catalog.*) 100)::pg_catalog.int8" \
	"  FROM exco.assistant_aid_amount ORDER BY effective_from, share, contract_year"

/* The kept plans of the two queries (names qualified: the same under any search_path). */
static SPIPlanPtr forfait_plan = NULL;
static SPIPlanPtr aid_plan = NULL;

static void
spi_select(SPIPlanPtr *plan, const char *sql, const char *what)
{
	int			ret;

	exco_prepare_once(plan, sql, 0, NULL);
	ret = SPI_execute_plan(*plan, NULL, NULL, true, 0);

	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading %s failed: %s", what, SPI_result_code_string(ret));
}

static void
load_forfait(SchemeData *data)
{
	uint64		i;
	bool		isnull;

	spi_select(&forfait_plan, FORFAIT_QUERY, "exco.forfait_structure");
	data->forfait = MemoryContextAllocZero(data->cxt, sizeof(ForfaitRow) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		ForfaitRow *r = &data->forfait[data->nforfait++];

		r->effective_from = DatumGetDateADT(SPI_getbinval(tup, desc, 1, &isnull));
		r->indicator_cents = DatumGetInt64(SPI_getbinval(tup, desc, 2, &isnull));
		r->volet2_cents = DatumGetInt64(SPI_getbinval(tup, desc, 3, &isnull));
	}
}

static void
load_aid(SchemeData *data)
{
	uint64		i;
	bool		isnull;

	spi_select(&aid_plan, AID_QUERY, "exco.assistant_aid_amount");
	data->aid = MemoryContextAllocZero(data->cxt, sizeof(AssistantAidRow) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *share = SPI_getvalue(tup, desc, 2);
		AssistantAidRow *r;
		int			s;

		for (s = 0; s < ASSISTANT_SHARE_COUNT; s++)
			if (strcmp(share, exco_assistant_share_labels[s]) == 0)
				break;
		if (s == ASSISTANT_SHARE_COUNT)
			continue;			/* a label added after this code was written: no rule uses it */
		r = &data->aid[data->naid++];
		r->effective_from = DatumGetDateADT(SPI_getbinval(tup, desc, 1, &isnull));
		r->share = (int8) s;
		r->year = (int8) DatumGetInt32(SPI_getbinval(tup, desc, 3, &isnull));
		r->cents = DatumGetInt64(SPI_getbinval(tup, desc, 4, &isnull));
	}
}

static void
load(SchemeData *data)
{
	int			ret;

	MemoryContextReset(data->cxt);
	data->nforfait = data->naid = 0;
	if ((ret = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(ret));
	load_forfait(data);
	load_aid(data);
	SPI_finish();
}

SchemeData *
exco_scheme_data(FunctionCallInfo fcinfo)
{
	SchemeData *data = (SchemeData *) fcinfo->flinfo->fn_extra;
	ExcoReadStamp now;

	if (data == NULL)
	{
		data = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(SchemeData));
		data->cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "exco scheme data",
										  ALLOCSET_SMALL_SIZES);
		fcinfo->flinfo->fn_extra = data;
	}
	exco_read_stamp_now(&now);
	if (exco_read_stamp_same(&data->read, &now))
		return data;
	data->read.valid = false;	/* not valid until loaded whole */
	load(data);
	data->read = now;
	return data;
}
