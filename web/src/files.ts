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

/** The word for an invoice status (API.md) in the translations of i18n.ts. */
export const invoiceStatusKey = (status: string) =>
  ({ open: "invOpen", paid: "invPaid", past_due: "invPastDue", void: "invVoid", refunded: "invRefunded", partially_refunded: "invPartiallyRefunded" } as const)[status as "open"] ?? "invOpen";
