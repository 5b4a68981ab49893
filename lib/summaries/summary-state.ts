import { sql } from "drizzle-orm";

import { calls } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

/**
 * Recomputes the call's summary state for the inbox filter: being generated while a request
 * waits, failed when the newest request failed, else what is shown (vendor, generated, none).
 */
export async function refreshSummaryState(tx: Db, orgId: string, callId: string): Promise<void> {
  await tx.execute(sql`
    update ${calls} c set summary_state = case
      when exists (select 1 from call_summaries s where s.org_id = c.org_id and s.call_id = c.id and s.state = 'created') then 'created'
      when (select s.state from call_summaries s where s.org_id = c.org_id and s.call_id = c.id and s.producer_kind <> 'vendor'
            order by s.created_at desc, s.id desc limit 1) = 'failed' then 'failed'
      when c.current_summary_id is not null then
        (select case when s.producer_kind = 'vendor' then 'vendor' else 'processed' end from call_summaries s where s.id = c.current_summary_id)
      when c.summary is not null or c.headline is not null then 'vendor'
      else 'none' end
    where c.org_id = ${orgId} and c.id = ${callId}`);
}
