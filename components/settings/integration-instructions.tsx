import type { ProviderId } from "@/lib/integrations/providers";
import { pbxFields } from "@/lib/providers/pbx/fields";

/** How to point the vendor at Switchboard, per vendor: where its setting is and what to enter. */
export function IntegrationInstructions({ provider }: { provider: ProviderId }) {
  if (provider === "sipgate") {
    return (
      <ol className="list-decimal space-y-1 pl-5 text-sm text-fg">
        <li>
          As an admin, open the sipgate desktop app and go to <strong>Labs → AI Assistant Webhook</strong>.
        </li>
        <li>Paste the hook URL as the target URL and save. JSON and vCon output both work.</li>
        <li>After the next call on a shared channel (private calls are not sent), the call appears under Calls.</li>
      </ol>
    );
  }
  if (provider === "pbx") {
    return (
      <div className="space-y-3 text-sm text-fg">
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            In the PBX&apos;s <strong>Company Panel → General settings</strong>, turn on{" "}
            <strong>Send AI summaries via webhook</strong>.
          </li>
          <li>
            Method <strong>POST</strong> (or PUT), URL: the hook URL. Timeout: 2 seconds or more (Switchboard answers in
            well under one).
          </li>
          <li>
            Send JSON. Switchboard reads the fields below under any of the listed names and keeps the whole body with
            the call.
          </li>
        </ol>
        <PbxFieldTable />
      </div>
    );
  }
  if (provider === "vcon") {
    return (
      <p className="text-sm text-fg">
        POST one vCon document (any version, JSON, <code>Content-Type: application/json</code>) per request to the hook
        URL. The vCon uuid identifies the call: sending it again with more analysis updates the call. Signed (JWS) and
        encrypted (JWE) vCons are refused: send the plain form. Bodies are limited to 1 MiB; recordings should be
        referenced by URL.
      </p>
    );
  }
  return (
    <ol className="list-decimal space-y-1 pl-5 text-sm text-fg">
      <li>
        In your sipgate AI Flow assistant, set the webhook URL to the endpoint URL (or the WebSocket URL with /ws at the
        end).
      </li>
      <li>
        Set the <code>X-API-TOKEN</code> header to the token. Switchboard refuses requests without it.
      </li>
    </ol>
  );
}

export function PbxFieldTable() {
  return (
    <div className="overflow-x-auto rounded-md border border-border">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Accepted fields of the PBX summary webhook</caption>
        <thead className="bg-surface-muted text-fg-muted">
          <tr>
            <th className="px-3 py-2 font-medium">Field</th>
            <th className="px-3 py-2 font-medium">Accepted names</th>
            <th className="px-3 py-2 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {Object.entries(pbxFields).map(([key, field]) => (
            <tr key={key} className="align-top">
              <td className="px-3 py-2 font-medium whitespace-nowrap">{field.label}</td>
              <td className="px-3 py-2 font-mono">{field.names.join(", ")}</td>
              <td className="px-3 py-2 text-fg-muted">{"note" in field ? field.note : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-border px-3 py-2 text-xs text-fg-muted">
        Names match in any case, with or without _ and -, at the top level or inside an object named call, cdr, data,
        payload, event or summary. Example:{" "}
        <code>
          {
            '{"call_id":"4711","from":"+4930123456","to":"+4989123456","start":"2026-11-20T09:30:00Z","duration":312,"summary":{"overview":"…","notes":["…"],"tags":["billing"],"action_points":["Call back Friday"]}}'
          }
        </code>
      </p>
    </div>
  );
}
