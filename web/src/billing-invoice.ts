// <billing-invoice space-id invoice-id>: one invoice or credit note (the invoice email's link, B4),
// with its lines, totals, status and PDF, for the billing owner.
import { LitElement, html, nothing } from "lit";
import { BillingApi, Problem, type Invoice, type TokenSource } from "./api.js";
import { Words, languageOf, type Language } from "./i18n.js";
import { confirmHeldPayment } from "./payments.js";
import type { PaymentOptions } from "./billing-tab.js";
import { invoiceStatusClass, invoiceStatusKey, saveBlob } from "./files.js";
import { styles } from "./styles.js";

export class BillingInvoice extends LitElement {
  static styles = styles;
  static properties = {
    spaceId: { attribute: "space-id" }, invoiceId: { attribute: "invoice-id" }, apiBase: { attribute: "api-base" },
    getToken: { attribute: false }, payments: { attribute: false }, invoice: { state: true }, problem: { state: true }, locale: { state: true },
  };

  spaceId = "";
  invoiceId = "";
  apiBase = "/";
  getToken: TokenSource = async () => { throw new Problem(401, "unauthenticated", "no token source"); };
  payments: PaymentOptions = { sandbox: false, payPal: false };
  invoice?: Invoice;
  problem?: Problem;
  locale?: string;

  private get api() { return new BillingApi(this.apiBase.endsWith("/") ? this.apiBase : `${this.apiBase}/`, () => this.getToken()); }

  private get words() {
    const chosen = (sessionStorage.getItem("billing.language") as Language | null) ?? languageOf(this.locale ?? navigator.language);
    return Words.for(chosen, this.locale);
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [invoice, view] = await Promise.all([this.api.invoice(this.spaceId, this.invoiceId), this.api.billing(this.spaceId).catch(() => undefined)]);
      this.locale = view?.caller?.locale;
      this.invoice = invoice;
      this.dispatchEvent(new CustomEvent("billing-language", { detail: this.words.language, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = error instanceof Problem ? error : new Problem(0, "internal_error", String(error));
    }
  }

  private async download() {
    saveBlob(await this.api.pdf(this.spaceId, this.invoiceId), `${this.invoice?.number ?? this.invoiceId}.pdf`);
  }

  private renderConfirmation(confirmation: NonNullable<Invoice["paymentConfirmation"]>) {
    const w = this.words;
    const key = this.payments.stripePublishableKey;
    return html`<section aria-labelledby="confirm-h"><h2 id="confirm-h">${w.t("confirmPaymentButton")}</h2><p>${w.t("confirmPayment")}</p>
      <div class="actions">${confirmation.approvalUrl
        ? html`<a class="button primary" href=${confirmation.approvalUrl}>${w.t("confirmPaymentButton")}</a>`
        : key && confirmation.clientSecret
          ? html`<button class="primary" @click=${async () => { try { await confirmHeldPayment(key, confirmation.clientSecret!); await this.load(); } catch (e) { this.problem = new Problem(402, "payment_failed", String(e)); } }}>${w.t("confirmPaymentButton")}</button>`
          : nothing}</div></section>`;
  }

  render() {
    const w = this.words;
    const invoice = this.invoice;
    const back = html`<a href=${`/billing/${encodeURIComponent(this.spaceId)}`}>← ${w.t("back")}</a>`;
    if (this.problem) return html`<div class="layout"><aside>${back}</aside><main><div class="alert" role="alert">${w.error(this.problem.code)}</div></main></div>`;
    if (!invoice) return html`<div class="layout"><aside>${back}</aside><main><div class="skeleton" aria-busy="true" aria-label=${w.t("loading")}></div></main></div>`;
    const statusKey = invoiceStatusKey(invoice);
    return html`<div class="layout" lang=${w.language}>
      <aside><h1>${w.t(invoice.kind === "credit_note" ? "creditNote" : "invoice")}</h1><p>${invoice.number ?? ""}</p>${back}</aside>
      <main>
        <section aria-labelledby="invoice-h">
          <div class="row"><h3 id="invoice-h" data-testid="invoice-total">${w.money(invoice.total)}</h3><span class="badge ${invoiceStatusClass(invoice)}">${w.t(statusKey)}</span></div>
          <dl style="margin-top:16px">
            <dt>${w.t("invoice")}</dt><dd>${invoice.number ?? "…"}</dd>
            <dt>${w.t("issued")}</dt><dd>${w.date(invoice.issuedAt)}</dd>
            ${invoice.dueAt ? html`<dt>${w.t("due")}</dt><dd>${w.date(invoice.dueAt)}</dd>` : nothing}
            <dt>${w.t("period")}</dt><dd>${w.date(invoice.periodStart)} – ${w.date(invoice.periodEnd)}</dd>
            ${invoice.paymentMethod ? html`<dt>${w.t("paidWith")}</dt><dd>${invoice.paymentMethod.email ?? `${(invoice.paymentMethod.brand ?? "").replace(/^\w/, (c) => c.toUpperCase())} •••• ${invoice.paymentMethod.last4 ?? ""}`}</dd>` : nothing}
          </dl>
          <div class="actions"><button class="primary" @click=${() => this.download()}>${w.t("download")}</button></div>
        </section>
        ${invoice.paymentConfirmation ? this.renderConfirmation(invoice.paymentConfirmation) : nothing}
        <section aria-labelledby="lines-h">
          <h2 id="lines-h">${w.t(invoice.kind === "credit_note" ? "creditNote" : "invoice")} ${invoice.number ?? ""}</h2>
          <table>
            <thead><tr><th scope="col">${w.t("description")}</th><th scope="col" class="num hide-narrow">${w.t("quantity")}</th><th scope="col" class="num">${w.t("amount")}</th></tr></thead>
            <tbody>${invoice.lines.map((l) => html`<tr><td>${w.line(l, invoice.creditsInvoiceNumber)}<br><span class="help">${w.date(l.periodStart)} – ${w.date(l.periodEnd)}</span></td><td class="num hide-narrow">${l.quantity}</td><td class="num">${w.money(l.amount)}</td></tr>`)}</tbody>
          </table>
          <div class="preview" style="margin-top:16px">
            <div class="line"><span>${w.t("subtotal")}</span><span>${w.money(invoice.subtotal)}</span></div>
            <div class="line"><span>${w.t("tax")}</span><span>${w.money(invoice.tax)}</span></div>
            <div class="line total"><span>${w.t("total")}</span><span>${w.money(invoice.total)}</span></div>
            ${invoice.amountDue ? html`<div class="line"><span>${w.t("amountDue")}</span><span>${w.money(invoice.amountDue)}</span></div>` : nothing}
          </div>
        </section>
      </main>
    </div>`;
  }
}

customElements.define("billing-invoice", BillingInvoice);
