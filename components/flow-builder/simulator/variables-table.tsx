import { builtinVariables } from "@/lib/flows/schema";

// The session's variables as they are now: the flow's own first, then the built-in ones.

const isBuiltin = (name: string) => builtinVariables.some((b) => b === name);

export function VariablesTable({ vars }: { vars: Readonly<Record<string, string>> }) {
  const names = Object.keys(vars).sort((a, b) => Number(isBuiltin(a)) - Number(isBuiltin(b)) || a.localeCompare(b));
  return (
    <section aria-labelledby="sim-vars" className="space-y-1.5">
      <h3 id="sim-vars" className="text-sm font-semibold text-fg">
        Variables
      </h3>
      {names.length === 0 ? (
        <p className="text-xs text-fg-muted">Set once the call starts.</p>
      ) : (
        <table className="w-full table-fixed text-xs">
          <thead className="sr-only">
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {names.map((name) => (
              <tr key={name}>
                <th
                  scope="row"
                  className={`w-2/5 py-1 pr-2 text-left align-top font-mono font-normal break-all ${isBuiltin(name) ? "text-fg-muted" : "text-fg"}`}
                >
                  {name}
                </th>
                <td className="py-1 align-top font-mono break-words whitespace-pre-wrap text-fg">
                  {vars[name] ? vars[name] : <span className="text-fg-muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
