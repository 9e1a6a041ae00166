/** Offers a fetched file (an invoice PDF: fetched with the token in a header, never a URL) for download. */
export function saveBlob(blob: Blob, filename: string) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/**
 * The word for an invoice's status (API.md) in the translations of i18n.ts. A credit note (V5) is issued, never paid:
 * API.md's closed list of statuses has no word for it and answers `paid`, so its kind tells it apart.
 */
export const invoiceStatusKey = (invoice: { status: string; kind?: string }) =>
  invoice.kind === "credit_note" ? "invIssued"
    : ({ open: "invOpen", paid: "invPaid", past_due: "invPastDue", void: "invVoid", refunded: "invRefunded", partially_refunded: "invPartiallyRefunded" } as const)[invoice.status as "open"] ?? "invOpen";

/** The badge's class for an invoice's status: a credit note's is `issued`. */
export const invoiceStatusClass = (invoice: { status: string; kind?: string }) => (invoice.kind === "credit_note" ? "issued" : invoice.status);
