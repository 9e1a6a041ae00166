// <billing-page>: the page the function app serves at /billing/{spaceId},
// /billing/{spaceId}/invoices/{invoiceId} and /billing/sales (the back office). It signs the person in, finishes a PayPal approval that
// came back here, and shows <billing-tab> or <billing-invoice> for the address.
import { LitElement, html } from "lit";
import { BillingApi, newIdempotencyKey } from "./api.js";
import { signIn } from "./auth.js";
import { readConfig } from "./config.js";
import { Words, languageOf, type Language } from "./i18n.js";
import { keepPayPalReturn, takePendingPayPal, type PayPalReturn } from "./payments.js";
import { styles } from "./styles.js";
import "./billing-tab.js";
import "./billing-invoice.js";
import "./billing-sales.js";

export { BillingTab } from "./billing-tab.js";
export { BillingInvoice } from "./billing-invoice.js";
export { BillingSales } from "./billing-sales.js";

class BillingPage extends LitElement {
  static styles = styles;
  static properties = { state: { state: true } };
  state: { kind: "loading" } | { kind: "message"; text: string } | { kind: "ready"; token: () => Promise<string> } = { kind: "loading" };
  private readonly config = readConfig();
  private payPalReturn?: PayPalReturn;

  connectedCallback() {
    super.connectedCallback();
    this.addEventListener("billing-language", (e) => {
      const language = (e as CustomEvent<Language>).detail;
      document.documentElement.lang = language;
      document.title = `${Words.for(language).t("billing")}`;
    });
    void this.start();
  }

  private async start() {
    const words = Words.for(languageOf(navigator.language));
    const result = await signIn(this.config);
    if ("redirecting" in result) { this.state = { kind: "message", text: words.t("signingIn") }; return; }
    if ("error" in result) { this.state = { kind: "message", text: words.t("signInNeeded") }; return; }
    const pending = takePendingPayPal();
    if (pending && route().space !== pending.space) {
      keepPayPalReturn(pending);
      location.replace(`/billing/${encodeURIComponent(pending.space)}`);
      return;
    }
    if (pending && !pending.upgrade) {
      // Back from PayPal's approval (PayPal__ReturnUrl): switch to the approved account.
      try { await new BillingApi("/", result.token).switchPaymentMethod(pending.space, pending.method, newIdempotencyKey()); } catch { /* the tab shows the method as it stands */ }
    }
    // An upgrade waiting for the approval goes back to its dialog, to be confirmed there.
    this.payPalReturn = pending?.upgrade ? pending : undefined;
    this.state = { kind: "ready", token: result.token };
  }

  render() {
    if (this.state.kind === "loading") return html``;
    if (this.state.kind === "message") return html`<div class="layout"><main><section><p role="status">${this.state.text}</p></section></main></div>`;
    const { space, invoice } = route();
    if (space === "sales" && !invoice && location.pathname.split("/").filter(Boolean).length === 2) {
      return html`<billing-sales .getToken=${this.state.token}></billing-sales>`;
    }
    return invoice
      ? html`<billing-invoice space-id=${space} invoice-id=${invoice} .getToken=${this.state.token} .payments=${this.config}></billing-invoice>`
      : html`<billing-tab space-id=${space} .getToken=${this.state.token} .payments=${this.config} .payPalReturn=${this.payPalReturn}></billing-tab>`;
  }
}

function route(): { space: string; invoice?: string } {
  const parts = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  return { space: parts[1] ?? "", invoice: parts[2] === "invoices" ? parts[3] : undefined };
}

customElements.define("billing-page", BillingPage);
