/** Runs one SQL statement with $n parameters on whichever database the bench uses. */
export type Exec = (
  text: string,
  params?: Array<string | number | string[]>,
) => Promise<Array<Record<string, unknown>>>;

// Seeds an organisation with N realistic calls straight in SQL (the app's upsert would take
// hours at this size): German, English and French transcripts of 10–40 segments with a skewed
// word distribution (a few very common words, a long tail), E.164 numbers in the same search
// forms the upsert writes, and the same to_tsvector('switchboard', …) document. Indexes are
// dropped during the load and rebuilt after it, as one would for any bulk load.

const vocabulary = {
  common: ["rechnung", "danke", "termin", "invoice", "thanks", "delivery", "bonjour", "merci", "order", "kunde"],
  de: "guten tag ich rufe wegen meiner bestellung an die lieferung ist noch nicht angekommen können sie bitte prüfen wann das paket kommt vielen dank für ihre geduld wir melden uns morgen zurück überweisung gutschrift wartung vertrag kündigung zählerstand störung techniker rückruf angebot preis".split(
    " ",
  ),
  en: "hello i am calling about my account the parcel has not arrived yet could you please check when it will come thank you for your patience we will call you back tomorrow refund contract cancellation meter reading outage engineer callback quote price warranty".split(
    " ",
  ),
  fr: "bonjour je vous appelle au sujet de ma commande la livraison n'est pas encore arrivée pourriez-vous vérifier quand le colis arrivera merci pour votre patience nous vous rappelons demain remboursement contrat résiliation relevé panne technicien devis prix garantie".split(
    " ",
  ),
};

/** The synthetic call ids: time-ordered like the app's UUIDv7, derived from the call's number. */
const ID = `('0190' || substr(lpad(to_hex(i), 12, '0'), 1, 4) || '-' || substr(lpad(to_hex(i), 12, '0'), 5, 4) || '-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid`;

export const RARE_WORD = "zwetschgenkuchen";
export const PHRASE = "spare parts";

export async function seedCalls(
  exec: Exec,
  orgId: string,
  integrationIds: string[],
  total: number,
  log: (line: string) => void,
): Promise<void> {
  const indexes = (
    await exec(`select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename in ('calls', 'transcript_segments') and indexname not in (select conname from pg_constraint)`)
  ).map((r) => ({ name: String(r.name), def: String(r.def) }));
  for (const index of indexes) await exec(`drop index if exists ${index.name}`);
  await exec(
    "alter table transcript_segments drop constraint if exists transcript_segments_org_id_call_id_calls_org_id_id_fk",
  );

  const batch = 20_000;
  const started = Date.now();
  for (let from = 0; from < total; from += batch) {
    const to = Math.min(total, from + batch) - 1;
    await exec("begin");
    await exec("set local synchronous_commit = off");
    await exec(
      `create temp table seg on commit drop as
        select g.i, s.seq,
          case when s.seq % 2 = 0 then 'caller' else 'callee' end as speaker,
          (select string_agg(
             case when random() < 0.18 then ($3::text[])[1 + floor(random() * 10)::int]
                  else (case g.i % 3 when 0 then $4::text[] when 1 then $5::text[] else $6::text[] end)
                       [1 + floor(power(random(), 2) * 38)::int] end, ' ' order by w.n)
           from generate_series(1, 8 + (g.i * 7 + s.seq) % 13) w(n))
           || case when s.seq = 1 and g.i % 100000 = 7 then $7 else '' end
           || case when s.seq = 2 and g.i % 97 = 3 then $8 else '' end as text
        from generate_series($1::int, $2::int) g(i), generate_series(0, 9 + g.i % 31) s(seq)`,
      [
        from,
        to,
        vocabulary.common,
        vocabulary.de,
        vocabulary.en,
        vocabulary.fr,
        ` ${RARE_WORD}`,
        ` we need the ${PHRASE} today`,
      ],
    );
    await exec(
      `with agg as (select i, string_agg(text, ' ' order by seq) as body from seg group by i),
        g as (select i, body, '+49175' || lpad(((i::bigint * 7919) % 10000000)::text, 7, '0') as caller from agg)
        insert into calls (id, org_id, integration_id, provider, vendor_call_id, direction, started_at, ended_at, duration_seconds,
          channel, headline, summary, parties, action_items, tags, language, search_vector, search_numbers, open_action_items, summary_state)
        select ${ID}, $1, ($2::uuid[])[1 + i % $3::int], (array['sipgate','pbx','vcon'])[1 + i % 3], 'bench-' || i,
          (array['inbound','outbound','inbound','internal'])[1 + i % 4],
          now() - (($4::int - i) * interval '30 seconds'), now() - (($4::int - i) * interval '30 seconds') + ((60 + i % 900) * interval '1 second'),
          60 + i % 900, (array['Sales Hotline','Support','Billing'])[1 + i % 3],
          left(body, 60), left(body, 280),
          jsonb_build_array(jsonb_build_object('role', 'caller', 'number', caller), jsonb_build_object('role', 'callee', 'number', '+498912345678')),
          case when i % 5 = 0 then '[{"text":"Call the customer back","isDone":false}]'::jsonb else '[]'::jsonb end,
          array[(array['billing','support','sales','delivery'])[1 + i % 4]], (array['de','en','fr'])[1 + i % 3],
          to_tsvector('switchboard', body),
          substr(caller, 2) || ' 0' || substr(caller, 4) || ' ' || substr(caller, 4) || ' 498912345678 08912345678 8912345678',
          case when i % 5 = 0 then 1 else 0 end, case when i % 7 = 0 then 'none' else 'vendor' end
        from g`,
      [orgId, integrationIds, integrationIds.length, total],
    );
    await exec(
      `insert into transcript_segments (org_id, call_id, seq, speaker, speaker_role, start_ms, end_ms, text)
        select $1, ${ID}, seq, speaker, speaker, seq * 6000, seq * 6000 + 5500, text from seg`,
      [orgId],
    );
    await exec("commit");
    const done = to + 1;
    const rate = done / ((Date.now() - started) / 1000);
    log(
      `  seeded ${done.toLocaleString("en")} of ${total.toLocaleString("en")} calls (${rate.toFixed(0)}/s, ~${Math.round((total - done) / rate / 60)} min left)`,
    );
  }
  log("  rebuilding indexes…");
  await exec("set maintenance_work_mem = '1GB'");
  for (const index of indexes) {
    const t = Date.now();
    await exec(index.def);
    log(`    ${index.name} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  await exec(
    "alter table transcript_segments add constraint transcript_segments_org_id_call_id_calls_org_id_id_fk foreign key (org_id, call_id) references calls (org_id, id) on delete cascade",
  );
  await exec("vacuum analyze calls");
  await exec("vacuum analyze transcript_segments");
}
