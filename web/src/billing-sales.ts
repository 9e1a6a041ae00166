// <billing-sales>: the back office at /billing/sales (API.md), for callers with the billing.sales role.
// Receivables of every space with their age (I4); one space's plan, invoices, payments and credit notes;
// and sales' actions, each confirmed in a dialog that shows the amounts: record a bank transfer (I3),
// void or refund an invoice (V5), end a plan at once (U12), set the tax exemption (T3). What is offered
// is what the API says sales may do (`salesActions`); errors are shown from the problem's `code`.
// Sales staff read it in English; amounts and dates are formatted as the billing tab formats them.
import { LitElement, html, nothing } from "lit";
import {
  BillingApi, Problem, newIdempotencyKey,
  type BillingInfo, type BillingView, type Invoice, type Money, type Receivable, type SalesAction, type TokenSource,
} from "./api.js";
import { Words } from "./i18n.js";
import { invoiceStatusClass, invoiceStatusKey } from "./files.js";
import { styles } from "./styles.js";

type DialogKind = "payment" | "void" | "refund" | "endNow" | "taxExemption";
interface Dialog { kind: DialogKind; invoice?: Invoice }
interface Form { amount: string; receivedAt: string; reference: string; refund: "prorated" | "none"; exempt: boolean; reason: string }

export class BillingSales extends LitElement {
  static styles = styles;
  static properties = {
    apiBase: { attribute: "api-base" },
    getToken: { attribute: false },
    receivables: { state: true }, more: { state: true }, problem: { state: true }, spaceId: { state: true }, spaceInput: { state: true },
    view: { state: true }, info: { state: true }, invoices: { state: true }, dialog: { state: true }, form: { state: true },
    busy: { state: true }, dialogProblem: { state: true }, toast: { state: true },
  };

  apiBase = "/";
  getToken: TokenSource = async () => { throw new Problem(401, "unauthenticated", "no token source"); };

  receivables: Receivable[] = [];
  more?: string;
  problem?: Problem;
  spaceId?: string;
  spaceInput = "";
  view?: BillingView;
  info?: BillingInfo;
  invoices: Invoice[] = [];
  dialog?: Dialog;
  form: Form = emptyForm();
  busy = false;
  dialogProblem?: Problem;
  toast?: string;
  private key = newIdempotencyKey();
  private readonly w = Words.for("en");

  private get api() { return new BillingApi(this.apiBase.endsWith("/") ? this.apiBase : `${this.apiBase}/`, () => this.getToken()); }

  connectedCallback() {
    super.connectedCallback();
    this.dispatchEvent(new CustomEvent("billing-language", { detail: "en", bubbles: true, composed: true }));
    void this.loadReceivables();
  }

  protected updated() {
    const dialog = this.renderRoot.querySelector("dialog");
    if (dialog && this.dialog && !dialog.open) dialog.showModal();
  }

  private async loadReceivables(next?: string) {
    this.problem = undefined;
    try {
      const page = await this.api.receivables(next);
      this.receivables = next ? [...this.receivables, ...page.items] : page.items;
      this.more = page.continuationToken;
    } catch (error) {
      this.problem = asProblem(error);
    }
  }

  private async openSpace(space: string) {
    this.spaceId = space;
    this.spaceInput = space;
    this.view = undefined;
    this.info = undefined;
    this.invoices = [];
    await this.loadSpace();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#space-h")?.focus();
  }

  private async loadSpace() {
    const space = this.spaceId;
    if (!space) return;
    this.problem = undefined;
    try {
      const [view, invoices] = await Promise.all([this.api.billing(space), this.api.invoices(space).catch(() => undefined)]);
      this.view = view;
      this.invoices = invoices?.items ?? [];
      this.info = view.status === "basic" ? undefined : await this.api.billingInfo(space).catch(() => undefined);
    } catch (error) {
      this.problem = asProblem(error);
    }
  }

  render() {
    const w = this.w;
    return html`
      <div class="layout" lang="en">
        <aside>
          <h1>Back office</h1>
          <p>Receivables and invoices of every space</p>
          <form @submit=${(e: Event) => { e.preventDefault(); if (this.spaceInput.trim()) void this.openSpace(this.spaceInput.trim()); }}>
            <label for="space-id">Space id</label>
            <input id="space-id" name="space" .value=${this.spaceInput} @input=${(e: Event) => { this.spaceInput = value(e); }} autocomplete="off">
            <div class="actions"><button type="submit">Open space</button></div>
          </form>
        </aside>
        <main>
          ${this.problem ? html`<div class="alert" role="alert" data-code=${this.problem.code}>${w.error(this.problem.code)}</div>` : nothing}
          ${this.spaceId ? this.renderSpace() : nothing}
          ${this.renderReceivables()}
        </main>
      </div>
      ${this.dialog ? this.renderDialog(this.dialog) : nothing}
      ${this.toast ? html`<div class="toast" role="status">${this.toast}</div>` : nothing}
    `;
  }

  private age(r: Receivable) {
    if (r.overdue) return r.daysOverdue === 1 ? "1 day overdue" : `${r.daysOverdue} days overdue`;
    return `due ${this.w.date(r.dueAt)}`;
  }

  private renderReceivables() {
    const w = this.w;
    return html`<section aria-labelledby="recv-h">
      <h2 id="recv-h">Receivables</h2>
      ${this.receivables.length === 0 ? html`<p class="muted">Nothing is waiting for payment.</p>` : html`
        <table data-testid="receivables">
          <thead><tr><th scope="col">Space</th><th scope="col">Invoice</th><th scope="col">Due</th><th scope="col">Age</th><th scope="col" class="num">Amount due</th><th scope="col">Status</th></tr></thead>
          <tbody>${this.receivables.map((r) => html`<tr data-space=${r.spaceId} data-invoice=${r.invoice.id}>
            <td><button class="link" @click=${() => this.openSpace(r.spaceId)} aria-label="Open space ${r.spaceId}">${r.spaceId}</button></td>
            <td>${r.invoice.number ?? "…"}</td>
            <td>${w.date(r.dueAt)}</td>
            <td data-testid="age">${this.age(r)}</td>
            <td class="num" data-testid="amount-due">${w.money(r.amountDue)}</td>
            <td>${this.badge(r.invoice)}</td>
          </tr>`)}</tbody>
        </table>`}
      ${this.more ? html`<div class="actions"><button @click=${() => this.loadReceivables(this.more)}>Show more</button></div>` : nothing}
    </section>`;
  }

  private badge(invoice: { status: string; kind?: string }) {
    return html`<span class="badge ${invoiceStatusClass(invoice)}">${this.w.t(invoiceStatusKey(invoice))}</span>`;
  }

  private renderSpace() {
    const view = this.view;
    const may = (action: SalesAction) => view?.caller?.salesActions?.includes(action) ?? false;
    return html`<section aria-labelledby="space-h" data-testid="space">
      <div class="row"><h2 id="space-h" tabindex="-1">Space ${view?.spaceName ?? this.spaceId}</h2>
        <button class="link" @click=${() => { this.spaceId = undefined; }}>Close space</button></div>
      ${view ? html`<dl>
          <dt>Space id</dt><dd>${view.spaceId}</dd>
          <dt>Plan</dt><dd data-testid="plan">${view.plan}${view.status !== "basic" ? html` · <span class="badge ${view.status}">${view.status.replace("_", " ")}</span>` : nothing}</dd>
          ${view.cycle ? html`<dt>Cycle and seats</dt><dd>${view.cycle} · ${view.seats} seats</dd>` : nothing}
          ${view.renewsAt ? html`<dt>Renews</dt><dd>${this.w.date(view.renewsAt)}</dd>` : nothing}
          ${view.billingOwner ? html`<dt>Billing owner</dt><dd>${view.billingOwner.name ?? view.billingOwner.userId}</dd>` : nothing}
          ${view.paymentMethod ? html`<dt>Payment method</dt><dd>${view.paymentMethod.provider === "invoice" ? "Invoice (bank transfer)" : view.paymentMethod.email ?? `${view.paymentMethod.brand ?? view.paymentMethod.provider} •••• ${view.paymentMethod.last4 ?? ""}`}</dd>` : nothing}
          ${this.info ? html`<dt>Tax</dt><dd data-testid="tax-exempt">${this.info.taxExempt ? "Exempt" : "Taxed"}</dd>` : nothing}
        </dl>
        ${may("endNow") || may("setTaxExemption") ? html`<div class="actions">
          ${may("endNow") ? html`<button class="danger" @click=${() => this.open({ kind: "endNow" })}>End plan now</button>` : nothing}
          ${may("setTaxExemption") ? html`<button @click=${() => this.open({ kind: "taxExemption" })}>Tax exemption</button>` : nothing}
        </div>` : nothing}` : html`<div class="skeleton" aria-busy="true" aria-label="Loading"></div>`}
    </section>
    ${view ? this.renderInvoices() : nothing}`;
  }

  private renderInvoices() {
    const w = this.w;
    return html`<section aria-labelledby="space-inv-h">
      <h2 id="space-inv-h">Invoices, payments and credit notes</h2>
      ${this.invoices.length === 0 ? html`<p class="muted">No invoices.</p>` : html`
        <table data-testid="space-invoices">
          <thead><tr><th scope="col">Number</th><th scope="col">Issued</th><th scope="col" class="num">Total</th><th scope="col" class="num">Amount due</th><th scope="col">Status</th><th scope="col">Payments</th><th scope="col">Actions</th></tr></thead>
          <tbody>${this.invoices.map((invoice) => {
            const label = invoice.number ?? invoice.id;
            const may = (action: SalesAction) => invoice.salesActions?.includes(action) ?? false;
            return html`<tr data-invoice=${invoice.id}>
              <td>${invoice.kind === "credit_note" ? html`Credit note ${label}${invoice.creditsInvoiceId ? html`<br><span class="help">for ${this.numberOf(invoice.creditsInvoiceId)}</span>` : nothing}` : label}</td>
              <td>${w.date(invoice.issuedAt)}</td>
              <td class="num">${w.money(invoice.total)}</td>
              <td class="num">${w.money(invoice.amountDue)}</td>
              <td>${this.badge(invoice)}</td>
              <td>${(invoice.payments ?? []).length === 0 ? html`<span class="muted">—</span>` : html`<ul class="plain">${invoice.payments!.map((p) => html`<li>${w.money(p.amount)} · ${w.date(p.receivedAt)} · ${p.reference}</li>`)}</ul>`}</td>
              <td><div class="choices">
                ${may("recordPayment") ? html`<button @click=${() => this.open({ kind: "payment", invoice })} aria-label="Record payment for ${label}">Record payment</button>` : nothing}
                ${may("void") ? html`<button class="danger" @click=${() => this.open({ kind: "void", invoice })} aria-label="Void ${label}">Void</button>` : nothing}
                ${may("refund") ? html`<button @click=${() => this.open({ kind: "refund", invoice })} aria-label="Refund ${label}">Refund</button>` : nothing}
              </div></td>
            </tr>`;
          })}</tbody>
        </table>`}
    </section>`;
  }

  private numberOf(invoiceId: string) {
    return this.invoices.find((i) => i.id === invoiceId)?.number ?? invoiceId;
  }

  // ---- dialogs: each shows the amounts, and commits once confirmed ----

  private open(dialog: Dialog) {
    const form = emptyForm();
    if (dialog.kind === "payment" && dialog.invoice?.amountDue) form.amount = major(dialog.invoice.amountDue);
    if (dialog.kind === "taxExemption") form.exempt = !this.info?.taxExempt;
    this.form = form;
    this.key = newIdempotencyKey();
    this.dialogProblem = undefined;
    this.busy = false;
    this.dialog = dialog;
  }

  private close() {
    this.renderRoot.querySelector("dialog")?.close();
    this.dialog = undefined;
  }

  /** What the person asks changed: a new intended change, so a new key. */
  private edit(update: (form: Form) => void) {
    const form = { ...this.form };
    update(form);
    this.form = form;
    this.dialogProblem = undefined;
    this.key = newIdempotencyKey();
  }

  private async commit() {
    if (this.busy) return; // a double click is one request
    const dialog = this.dialog!;
    const space = this.spaceId!;
    const key = this.key;
    this.busy = true;
    this.dialogProblem = undefined;
    try {
      let done = "Saved.";
      switch (dialog.kind) {
        case "payment": {
          const invoice = dialog.invoice!;
          const moved = await this.api.recordPayment(space, invoice.id, { amount: minor(this.form.amount, invoice.total), receivedAt: `${this.form.receivedAt}T00:00:00Z`, reference: this.form.reference.trim() }, key);
          done = moved.status === "paid" ? `${moved.number ?? ""} is paid.` : `Payment recorded; ${this.w.money(moved.amountDue)} still due.`;
          break;
        }
        case "void": {
          const note = await this.api.voidInvoice(space, dialog.invoice!.id, key);
          done = `Voided; credit note ${note.number ?? ""} issued.`;
          break;
        }
        case "refund": {
          const amount = this.form.amount.trim() ? minor(this.form.amount, dialog.invoice!.total) : undefined;
          const note = await this.api.refund(space, dialog.invoice!.id, amount, byTransfer(dialog.invoice!) ? this.form.reference.trim() : undefined, key);
          done = `Refunded ${this.w.money({ amount: Math.abs(note.total.amount), currency: note.total.currency })}; credit note ${note.number ?? ""} issued.`;
          break;
        }
        case "endNow":
          await this.api.endNow(space, this.form.refund, key);
          done = "The plan has ended.";
          break;
        case "taxExemption":
          await this.api.setTaxExemption(space, this.form.exempt, this.form.reason.trim(), key);
          break;
      }
      this.close();
      this.flash(done);
      await Promise.all([this.loadSpace(), this.loadReceivables()]);
    } catch (error) {
      this.dialogProblem = asProblem(error);
      if (this.dialogProblem.code === "idempotency_key_reused") this.key = newIdempotencyKey();
    } finally {
      this.busy = false;
    }
  }

  private flash(message: string) {
    this.toast = message;
    setTimeout(() => { if (this.toast === message) this.toast = undefined; }, 4000);
  }

  private renderDialog(dialog: Dialog) {
    const w = this.w;
    const titles: Record<DialogKind, string> = {
      payment: "Record a bank transfer", void: "Void the invoice", refund: "Refund the invoice", endNow: "End the plan now", taxExemption: "Tax exemption",
    };
    return html`<dialog aria-labelledby="dialog-h" @close=${() => { this.dialog = undefined; }} @cancel=${() => { this.dialog = undefined; }}>
      <form class="dialog-body" method="dialog" @submit=${(e: Event) => { e.preventDefault(); void this.commit(); }}>
        <h2 id="dialog-h">${titles[dialog.kind]}</h2>
        ${this.renderAmounts(dialog)}
        ${this.renderFields(dialog)}
        ${this.dialogProblem ? html`<div class="alert" role="alert" data-code=${this.dialogProblem.code}>${w.error(this.dialogProblem.code)}
          ${this.dialogProblem.errors ? html`<ul>${Object.entries(this.dialogProblem.errors).map(([field, messages]) => html`<li><code>${field}</code>: ${messages.join(" ")}</li>`)}</ul>` : nothing}</div>` : nothing}
        <div class="dialog-foot">
          <button type="button" @click=${() => this.close()}>Cancel</button>
          <button type="submit" class=${dialog.kind === "void" || dialog.kind === "endNow" ? "primary danger-fill" : "primary"} ?disabled=${this.busy} data-testid="confirm">${this.busy ? w.t("working") : "Confirm"}</button>
        </div>
      </form>
    </dialog>`;
  }

  /** The amounts the action moves, for the person to check before confirming. */
  private renderAmounts(dialog: Dialog) {
    const w = this.w;
    const invoice = dialog.invoice;
    const line = (label: string, amount: string, testId?: string) => html`<div class="line"><span>${label}</span><span data-testid=${testId ?? ""}>${amount}</span></div>`;
    switch (dialog.kind) {
      case "payment": {
        const entered = parsed(this.form.amount, invoice!.total);
        const after = entered === undefined ? undefined : { amount: invoice!.amountDue!.amount - entered, currency: invoice!.total.currency };
        return html`<div class="preview" data-testid="amounts">
          ${line(`Invoice ${invoice!.number ?? invoice!.id}`, w.money(invoice!.total))}
          ${line("Amount due now", w.money(invoice!.amountDue), "amount-due-now")}
          ${after ? html`<div class="line total"><span>Still due after this payment</span><span data-testid="amount-due-after">${w.money(after)}</span></div>` : nothing}
        </div>`;
      }
      case "void":
        return html`<div class="preview" data-testid="amounts">
          ${line(`Invoice ${invoice!.number ?? invoice!.id}`, w.money(invoice!.total))}
          ${line("Amount due", w.money(invoice!.amountDue))}
          <div class="line total"><span>Credit note</span><span data-testid="credit">${w.money(negate(invoice!.total))}</span></div>
        </div><p class="help">The invoice is kept, marked void; a credit note is issued and emailed to the billing owner.</p>`;
      case "refund": {
        const entered = parsed(this.form.amount, invoice!.total);
        return html`<div class="preview" data-testid="amounts">
          ${line(`Invoice ${invoice!.number ?? invoice!.id} paid`, w.money(invoice!.total))}
          <div class="line total"><span>Refund</span><span data-testid="credit">${w.money(negate(entered === undefined ? invoice!.total : { amount: entered, currency: invoice!.total.currency }))}</span></div>
        </div><p class="help">The money goes back through the provider that took it; a bank transfer is refunded by you and recorded here. A credit note is issued.</p>`;
      }
      case "endNow": {
        const latest = this.invoices.find((i) => i.kind !== "credit_note" && i.status === "paid");
        return html`<div class="preview" data-testid="amounts">
          ${line("Plan", `${this.view?.plan ?? ""} · ${this.view?.seats ?? ""} seats`)}
          ${latest ? line(`Last paid invoice ${latest.number ?? ""}`, w.money(latest.total)) : nothing}
          ${line("Refund", this.form.refund === "prorated" ? "the unused part of the period, prorated, with a credit note" : "none")}
        </div><p class="help">The plan ends now and the space returns to Basic; nothing is deleted.</p>`;
      }
      case "taxExemption":
        return html`<p>Currently: <strong>${this.info?.taxExempt ? "exempt from tax" : "taxed"}</strong>. The change applies to invoices issued from now on.</p>`;
    }
  }

  private renderFields(dialog: Dialog) {
    const form = this.form;
    const currency = dialog.invoice?.total.currency ?? "";
    switch (dialog.kind) {
      case "payment": return html`<div class="form">
        <label class="field">Amount received (${currency})<input name="amount" inputmode="decimal" required .value=${form.amount} @input=${(e: Event) => this.edit((f) => { f.amount = value(e); })}></label>
        <label class="field">Date received<input name="receivedAt" type="date" required .value=${form.receivedAt} @input=${(e: Event) => this.edit((f) => { f.receivedAt = value(e); })}></label>
        <label class="field">Bank reference<input name="reference" required maxlength="140" .value=${form.reference} @input=${(e: Event) => this.edit((f) => { f.reference = value(e); })}></label>
      </div>`;
      case "refund": return html`<div class="form">
        <label class="field">Amount to refund (${currency}; empty refunds all of it)<input name="amount" inputmode="decimal" .value=${form.amount} @input=${(e: Event) => this.edit((f) => { f.amount = value(e); })}></label>
        ${byTransfer(dialog.invoice!) ? html`<label class="field">Bank reference of the refund transfer<input name="reference" required maxlength="140" .value=${form.reference} @input=${(e: Event) => this.edit((f) => { f.reference = value(e); })}></label>` : nothing}
      </div>`;
      case "endNow": return html`<fieldset><legend>Refund</legend><div class="choices">
        ${(["prorated", "none"] as const).map((r) => html`<label class="choice"><input type="radio" name="refund" value=${r} .checked=${form.refund === r}
          @change=${() => this.edit((f) => { f.refund = r; })}>${r === "prorated" ? "Prorated refund" : "No refund"}</label>`)}
      </div></fieldset>`;
      case "taxExemption": return html`<div class="form">
        <label class="choice"><input type="checkbox" name="exempt" .checked=${form.exempt} @change=${(e: Event) => this.edit((f) => { f.exempt = (e.target as HTMLInputElement).checked; })}>Exempt from tax</label>
        ${form.exempt ? html`<label class="field">Reason<input name="reason" required maxlength="200" .value=${form.reason} @input=${(e: Event) => this.edit((f) => { f.reason = value(e); })}></label>` : nothing}
      </div>`;
      case "void": return nothing;
    }
  }
}

/** Paid by bank transfer: sales refunds it outside the system and records the transfer's reference (V5). */
function byTransfer(invoice: Invoice) { return invoice.paymentMethod?.provider === "invoice"; }

function emptyForm(): Form {
  return { amount: "", receivedAt: new Date().toISOString().slice(0, 10), reference: "", refund: "prorated", exempt: false, reason: "" };
}

function digits(currency: string) {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units as a plain number in major units ("1234.50"), for an input. */
function major(money: Money) {
  return (money.amount / 10 ** digits(money.currency)).toFixed(digits(money.currency));
}

/** What the person typed, in minor units of the invoice's currency; undefined when it is not a number. */
function parsed(text: string, like: Money): number | undefined {
  const n = Number(text.replace(/[\s,]/g, ""));
  return text.trim() && Number.isFinite(n) ? Math.round(n * 10 ** digits(like.currency)) : undefined;
}

/** As parsed, for the request: the server refuses what is not a positive amount with its own code. */
function minor(text: string, like: Money) { return parsed(text, like) ?? Number.NaN; }

function negate(money?: Money): Money | undefined {
  return money ? { amount: -Math.abs(money.amount), currency: money.currency } : undefined;
}

function value(event: Event) { return (event.target as HTMLInputElement).value; }

function asProblem(error: unknown): Problem {
  return error instanceof Problem ? error : new Problem(0, "internal_error", error instanceof Error ? error.message : String(error));
}

customElements.define("billing-sales", BillingSales);
