/*
 * read_stamp.c — what data the running statement sees (read_stamp.h).
 */
#include "read_stamp.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/snapmgr.h"

void
exco_read_stamp_now(ExcoReadStamp *now)
{
	Snapshot	snap = ActiveSnapshotSet() ? GetActiveSnapshot() : NULL;

	memset(now, 0, sizeof(ExcoReadStamp));
	if (snap == NULL)
		return;
	now->valid = true;
	now->userid = GetUserId();
#if PG_VERSION_NUM >= 170000
	now->lxid = MyProc->vxid.lxid;
#else
	now->lxid = MyProc->lxid;
#endif
	now->subxid = GetCurrentSubTransactionId();
	now->curcid = snap->curcid;
	now->xmin = snap->xmin;
	now->xmax = snap->xmax;
	now->xcnt = snap->xcnt;
}

bool
exco_read_stamp_same(const ExcoReadStamp *read, const ExcoReadStamp *now)
{
	return read->valid && now->valid &&
		read->userid == now->userid &&
		read->lxid == now->lxid &&
		read->subxid == now->subxid &&
		read->curcid == now->curcid &&
		read->xmin == now->xmin &&
		read->xmax == now->xmax &&
		read->xcnt == now->xcnt;
}
