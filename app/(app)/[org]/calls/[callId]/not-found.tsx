import { PhoneOff } from "lucide-react";

import { EmptyState } from "@/components/ui/empty-state";

// Worded the same whether the call never existed or belongs to another organisation.
export default function CallNotFound() {
  return (
    <EmptyState icon={PhoneOff} title="This call does not exist">
      The address may be mistyped, or the call belongs to an organisation you are not a member of. Find it under Calls.
    </EmptyState>
  );
}
