// <billing-tab space-id="...">: the billing tab of one space (API.md, SPEC B1, B5, B7, U8, V4),
// embeddable in any page: give it `getToken`, a function returning the caller's bearer token.
// It shows what the API shows the caller and offers only the actions the API says are theirs
// (`caller.actions` of the billing view); every change is previewed before it is committed and sent
// with an Idempotency-Key made once per intended change.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import {
  BillingApi, Problem, newIdempotencyKey,
  type Action, type BillingInfo, type BillingInfoBody, type BillingView, type ChangeBody, type Invoice, type InvoiceLine, type PaymentMethod,
  type PaidTeam, type PaymentMethodChoice, type Plans, type Preview, type ScheduledChange, type TokenSource, type UpgradeBody,
} from "./api.js";
import { Words, languageOf, languages, type Language } from "./i18n.js";
import { mountCardForm, startPayPal, type CardForm, type PayPalReturn } from "./payments.js";
import { invoiceStatusClass, invoiceStatusKey, saveBlob } from "./files.js";
import { styles } from "./styles.js";

export interface PaymentOptions { sandbox: boolean; stripePublishableKey?: string; payPal: boolean }

type DialogKind = "upgrade" | "change" | "withdraw" | "cancel" | "resume" | "trial" | "stopTrial" | "transfer" | "payment" | "info";
type PaymentChoice = "sandbox-ok" | "sandbox-declined" | "sandbox-paypal" | "card" | "paypal";

interface Form {
  tier: string; cycle: string; seats: number; owner: string; member: string; method: PaymentChoice;
  info: BillingInfoBody;
  /** U11: end the plans of the teams below at once, refunded, as part of the upgrade. */
  takeOver: boolean;
}

const countries = ["US", "CA", "GB", "IE", "FR", "BE", "NL", "LU", "DE", "AT", "CH", "IT", "ES", "PT", "SE", "NO", "DK", "FI", "PL", "CZ", "ID", "SG", "MY", "TW", "HK", "JP", "KR", "AU", "NZ", "IN", "BR", "MX", "ZA"];
const languageKey = "billing.language";

export class BillingTab extends LitElement {
  static styles = styles;
  static properties = {
    spaceId: { attribute: "space-id" },
    apiBase: { attribute: "api-base" },
    language: { attribute: "language" },
    getToken: { attribute: false },
    payments: { attribute: false }, payPalReturn: { attribute: false },
    view: { state: true }, plans: { state: true }, info: { state: true }, invoices: { state: true }, more: { state: true },
    problem: { state: true }, dialog: { state: true }, form: { state: true }, preview: { state: true }, busy: { state: true },
    dialogProblem: { state: true }, toast: { state: true }, cardReady: { state: true }, approved: { state: true }, paidTeams: { state: true },
  };

  spaceId = "";
  apiBase = "/";
  language?: Language;
  getToken: TokenSource = async () => { throw new Problem(401, "unauthenticated", "no token source"); };
  payments: PaymentOptions = { sandbox: false, payPal: false };
  /** Set by the page when the person comes back from approving PayPal for an upgrade they reviewed. */
  payPalReturn?: PayPalReturn<Form>;

  view?: BillingView;
  plans?: Plans;
  info?: BillingInfo;
  invoices: Invoice[] = [];
  more?: string;
  problem?: Problem;
  dialog?: DialogKind;
  form?: Form;
  preview?: Preview;
  busy = false;
  dialogProblem?: Problem;
  toast?: string;
  cardReady = false;
  /** The PayPal account approved for the upgrade in the dialog. */
  approved?: PaymentMethodChoice;
  /** The teams below with plans of their own that refused the upgrade (U11 `teams_already_paid`): offered to take over. */
  paidTeams?: PaidTeam[];
  private key = newIdempotencyKey();
  private card?: CardForm;

  private get api() { return new BillingApi(this.apiBase.endsWith("/") ? this.apiBase : `${this.apiBase}/`, () => this.getToken()); }

  get words(): Words {
    const chosen = this.language ?? (sessionStorage.getItem(languageKey) as Language | null) ?? languageOf(this.view?.caller?.locale ?? navigator.language);
    return Words.for(chosen, this.view?.caller?.locale);
  }

  private may(action: Action) { return this.view?.caller?.actions.includes(action) ?? false; }

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has("spaceId") && this.spaceId) void this.load();
  }

  protected updated(changed: PropertyValues<this>) {
    // The first render with data, for the figure of docs/BENCHMARKS.md (time since navigation started).
    if (this.view && performance.getEntriesByName("billing-tab:first-render").length === 0) performance.mark("billing-tab:first-render");
    const dialog = this.renderRoot.querySelector("dialog");
    if (changed.has("dialog") && dialog && this.dialog && !dialog.open) dialog.showModal();
    if (changed.has("view") || changed.has("language")) {
      this.dispatchEvent(new CustomEvent("billing-language", { detail: this.words.language, bubbles: true, composed: true }));
    }
  }

  /** Reads the billing view, then what the caller may see besides: plans, billing information, invoices. */
  async load() {
    this.problem = undefined;
    try {
      const [view, plans] = await Promise.all([this.api.billing(this.spaceId), this.api.plans()]);
      this.view = view;
      this.plans = plans;
      await Promise.all([this.loadInfo(), this.loadInvoices()]);
    } catch (error) {
      this.problem = asProblem(error);
    }
    if (this.payPalReturn?.upgrade && this.may("upgrade")) await this.resumeUpgrade(this.payPalReturn);
  }

  /** Back from PayPal with the account approved: the upgrade's dialog again, as it was, previewed, to confirm. */
  private async resumeUpgrade(back: PayPalReturn<Form>) {
    this.payPalReturn = undefined;
    this.open("upgrade");
    this.form = back.upgrade!;
    this.approved = back.method;
    await this.review();
  }

  private async loadInfo() {
    this.info = undefined;
    if (!this.may("editBillingInfo")) return;
    try { this.info = await this.api.billingInfo(this.spaceId); } catch { /* shown as not available */ }
  }

  private async loadInvoices(next?: string) {
    if (!this.may("readInvoices")) { this.invoices = []; this.more = undefined; return; }
    const page = await this.api.invoices(this.spaceId, next);
    this.invoices = next ? [...this.invoices, ...page.items] : page.items;
    this.more = page.continuationToken;
  }

  render() {
    const w = this.words;
    return html`
      <div class="layout" lang=${w.language}>
        <aside>
          <h1>${this.view?.spaceName ?? this.spaceId}</h1>
          <p>${w.t("billing")}</p>
          <label for="language">${w.t("language")}</label>
          <select id="language" @change=${(e: Event) => this.switchLanguage((e.target as HTMLSelectElement).value as Language)}>
            ${languages.map((l) => html`<option value=${l.id} ?selected=${l.id === w.language} lang=${l.id}>${l.name}</option>`)}
          </select>
        </aside>
        <main>
          ${this.problem ? html`<div class="alert" role="alert">${w.error(this.problem.code)} <button class="link" @click=${() => this.load()}>${w.t("retry")}</button></div>` : nothing}
          ${this.view ? this.renderView(this.view) : this.problem ? nothing : html`<div class="skeleton" aria-busy="true" aria-label=${w.t("loading")}></div>`}
        </main>
      </div>
      ${this.dialog ? this.renderDialog() : nothing}
      ${this.toast ? html`<div class="toast" role="status">${this.toast}</div>` : nothing}
    `;
  }

  private switchLanguage(language: Language) {
    sessionStorage.setItem(languageKey, language);
    this.language = language;
  }

  private renderView(view: BillingView) {
    return html`
      ${this.renderPlan(view)}
      ${view.paymentMethod ? this.renderPaymentMethod(view.paymentMethod) : nothing}
      ${this.may("editBillingInfo") ? this.renderInfo(this.info) : nothing}
      ${view.billingOwner ? this.renderOwner(view) : nothing}
      ${this.may("readInvoices") ? this.renderInvoices() : nothing}
    `;
  }

  private tierName(id?: string) {
    return this.plans?.tiers.find((t) => t.id === id)?.name ?? (id ? id.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase()) : "");
  }

  private renderPlan(view: BillingView) {
    const w = this.words;
    if (view.status === "basic") {
      return html`<section aria-labelledby="plan-h">
        <h2 id="plan-h">${w.t("currentPlan")}</h2>
        <div class="row"><h3>${w.t("basicTitle")}</h3><span class="badge">${w.t("statusBasic")}</span></div>
        <p class="plan-line">${w.t("basicText")}</p>
        ${this.may("upgrade") || this.may("startTrial") ? html`<div class="actions">
          ${this.may("upgrade") ? html`<button class="primary" @click=${() => this.open("upgrade")}>${w.t("upgrade")}</button>` : nothing}
          ${this.may("startTrial") ? html`<button @click=${() => this.open("trial")}>${w.t("startTrial")}</button>` : nothing}
        </div>` : html`<p class="help">${w.t("basicNoAction")}</p>`}
      </section>`;
    }
    const canceling = !!view.cancelAt;
    const statusKey = canceling ? "statusCanceling" : ({ active: "statusActive", trialing: "statusTrialing", past_due: "statusPastDue" } as const)[view.status as "active"] ?? "statusActive";
    const change = view.scheduledChange;
    return html`<section aria-labelledby="plan-h">
      <h2 id="plan-h">${w.t("currentPlan")}</h2>
      <div class="row"><h3>${this.tierName(view.plan)}</h3><span class="badge ${canceling ? "canceling" : view.status}">${w.t(statusKey)}</span></div>
      ${view.cycle ? html`<p class="plan-line">${w.t(view.cycle === "annual" ? "annual" : "monthly")} · ${view.seats} ${w.t("seats").toLowerCase()}</p>` : nothing}
      ${view.trialEndsAt ? html`<p class="plan-line">${w.t("trialEnds", { date: w.date(view.trialEndsAt) })}</p>` : nothing}
      ${view.renewsAt ? html`<p class="plan-line">${w.t("renewsOn", { date: w.date(view.renewsAt) })}</p>` : nothing}
      ${view.seatUsage ? html`<div class="meter">
          <span id="usage">${w.t("seatsUsed", { used: view.seatUsage.used, seats: view.seatUsage.seats })}</span>
          <div class="meter-bar" role="img" aria-labelledby="usage"><span style="width:${Math.min(100, (100 * view.seatUsage.used) / Math.max(1, view.seatUsage.seats))}%"></span></div>
        </div>` : nothing}
      ${canceling ? html`<div class="callout warn"><span>${w.t("cancelsOn", { date: w.date(view.cancelAt) })}</span>
          ${this.may("resume") ? html`<button class="primary" @click=${() => this.open("resume")}>${w.t("resume")}</button>` : nothing}</div>` : nothing}
      ${change ? html`<div class="callout" data-testid="scheduled-change"><span>${w.t("scheduled", { date: w.date(change.effectiveAt) })}
            <strong>${[change.tier && this.tierName(change.tier), change.cycle && w.t(change.cycle === "annual" ? "annual" : "monthly"), change.seats && `${change.seats} ${w.t("seats").toLowerCase()}`].filter(Boolean).join(" · ")}</strong></span>
          ${this.may("changePlan") ? html`<button @click=${() => this.open("withdraw")}>${w.t("withdraw")}</button>` : nothing}</div>` : nothing}
      ${this.renderPlanActions()}
    </section>`;
  }

  private renderPlanActions() {
    const w = this.words;
    const buttons: TemplateResult[] = [];
    if (this.may("upgrade")) buttons.push(html`<button class="primary" @click=${() => this.open("upgrade")}>${w.t("upgrade")}</button>`);
    if (this.may("changePlan")) buttons.push(html`<button class="primary" @click=${() => this.open("change")}>${w.t("changePlan")}</button>`);
    if (this.may("cancel")) buttons.push(html`<button class="danger" @click=${() => this.open("cancel")}>${w.t("cancelPlan")}</button>`);
    if (this.may("stopTrial")) buttons.push(html`<button class="danger" @click=${() => this.open("stopTrial")}>${w.t("stopTrial")}</button>`);
    return buttons.length ? html`<div class="actions">${buttons}</div>` : nothing;
  }

  private describeMethod(method: PaymentMethod) {
    const w = this.words;
    if (method.email) return html`<strong>${w.t("paypal")}</strong> · ${method.email}`;
    if (method.provider === "invoice") return html`<strong>${w.t("invoiceByBank")}</strong>`;
    const brand = method.brand ? method.brand.charAt(0).toUpperCase() + method.brand.slice(1) : w.t("card");
    const expiry = method.expiryMonth && method.expiryYear ? w.t("expires", { date: `${String(method.expiryMonth).padStart(2, "0")}/${method.expiryYear}` }) : "";
    return html`<strong>${brand} •••• ${method.last4}</strong> <span class="muted">${expiry}</span>`;
  }

  private renderPaymentMethod(method: PaymentMethod) {
    const w = this.words;
    return html`<section aria-labelledby="pm-h">
      <h2 id="pm-h">${w.t("paymentMethod")}</h2>
      <div class="row"><span data-testid="payment-method">${this.describeMethod(method)}</span>
        ${this.may("changePaymentMethod") ? html`<button @click=${() => this.open("payment")} aria-label="${w.t("changePaymentMethod")}: ${w.t("paymentMethod")}">${w.t("changePaymentMethod")}</button>` : nothing}</div>
    </section>`;
  }

  private renderInfo(info?: BillingInfo) {
    const w = this.words;
    if (!info) {
      return html`<section aria-labelledby="info-h"><div class="row"><h2 id="info-h">${w.t("billingInfo")}</h2>
        <button @click=${() => this.open("info")} aria-label="${w.t("edit")}: ${w.t("billingInfo")}">${w.t("edit")}</button></div></section>`;
    }
    const a = info.address;
    const taxStatus = info.taxIdStatus ? ({ valid: "taxValid", unverified: "taxUnverified", invalid: "taxInvalid" } as const)[info.taxIdStatus as "valid"] : undefined;
    return html`<section aria-labelledby="info-h">
      <div class="row"><h2 id="info-h">${w.t("billingInfo")}</h2>
        ${this.may("editBillingInfo") ? html`<button @click=${() => this.open("info")} aria-label="${w.t("edit")}: ${w.t("billingInfo")}">${w.t("edit")}</button>` : nothing}</div>
      <dl data-testid="billing-info">
        <dt>${w.t("name")}</dt><dd>${info.name}</dd>
        <dt>${w.t("email")}</dt><dd>${info.email}</dd>
        <dt>${w.t("line1")}</dt><dd>${a.line1}${a.line2 ? html`<br>${a.line2}` : nothing}<br>${[a.postalCode, a.city, a.region].filter(Boolean).join(" ")}<br>${w.country(a.country)}</dd>
        ${info.taxId ? html`<dt>${w.t("taxId").replace(/ \(.*\)|（.*）/, "")}</dt><dd>${info.taxId}${taxStatus ? html` <span class="muted">(${w.t(taxStatus)})</span>` : nothing}</dd>` : nothing}
      </dl>
    </section>`;
  }

  private renderOwner(view: BillingView) {
    const w = this.words;
    const owner = view.billingOwner!;
    const isMe = owner.userId === view.caller?.userId;
    return html`<section aria-labelledby="owner-h">
      <h2 id="owner-h">${w.t("billingOwner")}</h2>
      <div class="row"><span data-testid="billing-owner"><strong>${owner.name ?? owner.userId}</strong>${isMe ? html` <span class="muted">(${w.t("you")})</span>` : nothing}${owner.email ? html`<br><span class="muted">${owner.email}</span>` : nothing}</span>
        ${this.may("transferOwnership") ? html`<button @click=${() => this.open("transfer")}>${w.t("transfer")}</button>` : nothing}</div>
    </section>`;
  }

  private renderInvoices() {
    const w = this.words;
    return html`<section aria-labelledby="inv-h">
      <h2 id="inv-h">${w.t("invoices")}</h2>
      ${this.invoices.length === 0 ? html`<p class="muted">${w.t("noInvoices")}</p>` : html`
        <table>
          <thead><tr><th scope="col">${w.t("issued")}</th><th scope="col" class="hide-narrow">${w.t("invoice")}</th><th scope="col" class="num">${w.t("total")}</th><th scope="col">${w.t("status")}</th><th scope="col" class="num">PDF</th></tr></thead>
          <tbody>${this.invoices.map((invoice) => html`<tr>
            <td><a href=${`/billing/${encodeURIComponent(this.spaceId)}/invoices/${encodeURIComponent(invoice.id)}`}>${w.date(invoice.issuedAt)}</a></td>
            <td class="hide-narrow">${invoice.number ?? "…"}</td>
            <td class="num">${w.money(invoice.total)}</td>
            <td>${this.invoiceBadge(invoice)}</td>
            <td class="num"><button class="link" @click=${() => this.download(invoice)} aria-label="${w.t("download")} ${invoice.number ?? ""}">PDF</button></td>
          </tr>`)}</tbody>
        </table>`}
      ${this.more ? html`<div class="actions"><button @click=${() => this.loadInvoices(this.more)}>${w.t("loadMore")}</button></div>` : nothing}
    </section>`;
  }

  invoiceBadge(invoice: Invoice) {
    return html`<span class="badge ${invoiceStatusClass(invoice)}">${this.words.t(invoiceStatusKey(invoice))}</span>`;
  }

  private async download(invoice: Invoice) {
    try {
      saveBlob(await this.api.pdf(this.spaceId, invoice.id), `${invoice.number ?? invoice.id}.pdf`);
    } catch (error) {
      this.problem = asProblem(error);
    }
  }

  // ---- dialogs: choose, preview, confirm ----

  private open(kind: DialogKind) {
    const view = this.view!;
    const tiers = this.plans?.tiers ?? [];
    const me = view.caller?.userId ?? "";
    const others = (view.members ?? []).filter((m) => m.userId !== view.billingOwner?.userId);
    this.form = {
      tier: kind === "upgrade" && view.status === "trialing" ? view.plan : tiers.find((t) => t.id === view.plan)?.id ?? tiers[0]?.id ?? "",
      cycle: view.cycle ?? "monthly",
      seats: view.seats ?? this.ladder()[0] ?? 2,
      owner: me,
      member: others[0]?.userId ?? "",
      method: this.payments.sandbox ? "sandbox-ok" : this.payments.stripePublishableKey ? "card" : "paypal",
      info: this.info ? { name: this.info.name, email: this.info.email, address: { ...this.info.address }, taxId: this.info.taxId } : { name: view.spaceName ?? "", email: "", address: { line1: "", city: "", country: "US" } },
      takeOver: false,
    };
    this.paidTeams = undefined;
    this.preview = undefined;
    this.dialogProblem = undefined;
    this.busy = false;
    this.cardReady = false;
    this.card = undefined;
    this.approved = undefined;
    this.key = newIdempotencyKey();
    this.dialog = kind;
    if ((kind === "upgrade" || kind === "payment") && this.form.method === "card") void this.mountCard();
  }

  private close() {
    this.renderRoot.querySelector("dialog")?.close();
    this.dialog = undefined;
  }

  /** The person changed what they ask: a new intended change, so a new key, and the preview must be asked again. */
  private edit(update: (form: Form) => void) {
    const form = structuredClone(this.form!);
    update(form);
    const methodChanged = form.method !== this.form!.method;
    this.form = form;
    this.preview = undefined;
    this.dialogProblem = undefined;
    this.key = newIdempotencyKey();
    if (methodChanged) this.approved = undefined;
    if (methodChanged && form.method === "card") void this.mountCard();
  }

  private async mountCard() {
    await this.updateComplete;
    const host = this.renderRoot.querySelector<HTMLElement>("#card-host");
    if (!host || !this.payments.stripePublishableKey) return;
    try {
      this.card = await mountCardForm(this.api, this.spaceId, this.payments.stripePublishableKey, host);
      this.cardReady = true;
    } catch (error) {
      this.dialogProblem = asProblem(error);
    }
  }

  /** Seat counts offered (U4), from the smallest that covers the members, up to 1,000 in the dropdown. */
  private ladder(): number[] {
    const ladder = this.plans?.seatLadder;
    if (!ladder) return [];
    const members = this.view?.seatUsage?.used ?? this.view?.members?.length ?? 0;
    const rungs: number[] = [];
    for (let n = ladder.minimum; n <= Math.min(ladder.maximum, 1000);) {
      if (n >= members) rungs.push(n);
      const step = ladder.steps.find((s) => n < s.upTo);
      if (!step) break;
      n += step.step;
    }
    if (this.view?.seats && !rungs.includes(this.view.seats)) rungs.push(this.view.seats);
    return rungs.sort((a, b) => a - b);
  }

  private changeBody(): ChangeBody {
    const view = this.view!;
    const form = this.form!;
    if (this.dialog === "withdraw") {
      // Asking for the current value of a scheduled part withdraws it (C1, N2).
      const change: Partial<ScheduledChange> = view.scheduledChange ?? {};
      return { tier: change.tier ? view.plan : undefined, cycle: change.cycle ? view.cycle : undefined, seats: change.seats ? view.seats : undefined };
    }
    return {
      tier: form.tier !== view.plan ? form.tier : undefined,
      cycle: form.cycle !== view.cycle ? form.cycle : undefined,
      seats: form.seats !== view.seats ? form.seats : undefined,
    };
  }

  private upgradeBody(method?: { provider: string; token?: string }): UpgradeBody {
    const form = this.form!;
    const info = form.info;
    return {
      tier: form.tier, cycle: form.cycle, seats: form.seats, billingOwnerId: form.owner,
      billingInfo: { ...info, taxId: info.taxId || undefined, address: { ...info.address, line2: info.address.line2 || undefined, postalCode: info.address.postalCode || undefined, region: info.address.region || undefined } },
      paymentMethod: method,
      takeOverTeamPlans: form.takeOver || undefined,
    };
  }

  /** PayPal chosen for the payment and not yet approved: confirming goes to PayPal first. */
  private leavesForPayPal() {
    const method = this.form?.method;
    return (this.dialog === "upgrade" || this.dialog === "payment") && !this.approved && (method === "paypal" || method === "sandbox-paypal");
  }

  private sandboxMethod(): { provider: string; token: string } | undefined {
    const token = ({ "sandbox-ok": "pm_sandbox_ok", "sandbox-declined": "pm_sandbox_declined", "sandbox-paypal": "pm_sandbox_paypal" } as Record<string, string>)[this.form!.method];
    return token ? { provider: "sandbox", token } : undefined;
  }

  private async review() {
    await this.run(async () => {
      this.preview = await this.api.preview(this.spaceId, this.dialog === "upgrade" ? this.upgradeBody() : this.changeBody());
    }, false);
    await this.updateComplete;
    this.renderRoot.querySelector("[data-testid=preview]")?.scrollIntoView({ block: "nearest" });
  }

  private async commit() {
    const key = this.key;
    await this.run(async () => {
      const api = this.api;
      const space = this.spaceId;
      const form = this.form!;
      let view: BillingView | undefined;
      switch (this.dialog) {
        case "upgrade": {
          if (this.leavesForPayPal()) {
            await startPayPal(api, space, form.method === "sandbox-paypal", form);
            return;
          }
          const method = this.approved ?? this.sandboxMethod() ?? (this.card ? await this.card.confirm() : undefined);
          view = await api.upgrade(space, this.upgradeBody(method), key);
          break;
        }
        case "change": case "withdraw": view = await api.change(space, this.changeBody(), key); break;
        case "cancel": view = await api.cancel(space, key); break;
        case "resume": view = await api.resume(space, key); break;
        case "trial": view = await api.startTrial(space, form.tier, key); break;
        case "stopTrial": view = await api.stopTrial(space, key); break;
        case "transfer": view = await api.transfer(space, form.member, key); break;
        case "info": view = await api.updateBillingInfo(space, this.upgradeBody().billingInfo!, key); break;
        case "payment": {
          if (this.leavesForPayPal()) {
            await startPayPal(api, space, form.method === "sandbox-paypal");
            return;
          }
          const method = this.sandboxMethod() ?? (await this.card!.confirm());
          view = await api.switchPaymentMethod(space, method, key);
          break;
        }
      }
      this.view = view;
      this.close();
      this.flash(this.words.t("saved"));
      await Promise.all([this.loadInfo(), this.loadInvoices()]);
    }, true);
  }

  private async run(work: () => Promise<void>, committing: boolean) {
    if (this.busy) return; // a double click is one request
    this.busy = true;
    this.dialogProblem = undefined;
    try {
      await work();
    } catch (error) {
      this.dialogProblem = asProblem(error);
      if (committing && this.dialogProblem.code === "idempotency_key_reused") this.key = newIdempotencyKey();
      if (this.dialogProblem.code === "teams_already_paid") this.paidTeams = this.dialogProblem.teams;
    } finally {
      this.busy = false;
    }
  }

  private flash(message: string) {
    this.toast = message;
    setTimeout(() => { if (this.toast === message) this.toast = undefined; }, 3000);
  }

  // ---- dialog rendering ----

  private renderDialog() {
    const w = this.words;
    const kind = this.dialog!;
    const titles: Record<DialogKind, string> = {
      upgrade: w.t("upgradeTitle"), change: w.t("changeTitle"), withdraw: w.t("withdraw"), cancel: w.t("cancelPlan"), resume: w.t("resume"),
      trial: w.t("startTrial"), stopTrial: w.t("stopTrial"), transfer: w.t("transfer"), payment: w.t("paymentTitle"), info: w.t("infoTitle"),
    };
    const previewed = kind === "upgrade" || kind === "change" || kind === "withdraw";
    const empty = (kind === "change" || kind === "withdraw") && Object.values(this.changeBody()).every((v) => v === undefined);
    const ready = !previewed || !!this.preview;
    return html`<dialog aria-labelledby="dialog-h" @close=${() => { this.dialog = undefined; }} @cancel=${() => { this.dialog = undefined; }}>
      <form class="dialog-body" method="dialog" @submit=${(e: Event) => { e.preventDefault(); void (ready ? this.commit() : this.review()); }}>
        <h2 id="dialog-h">${titles[kind]}</h2>
        ${this.renderDialogFields(kind)}
        ${this.preview ? this.renderPreview(this.preview) : nothing}
        ${this.dialogProblem ? this.renderProblem(this.dialogProblem) : nothing}
        <div class="dialog-foot">
          <button type="button" @click=${() => this.close()}>${w.t("cancel")}</button>
          <button type="submit" class="primary" ?disabled=${this.busy || empty} data-testid=${ready ? "confirm" : "review"}>
            ${this.busy ? w.t("working") : !ready ? w.t("review") : this.leavesForPayPal() ? w.t("toPayPal") : w.t("confirm")}</button>
        </div>
      </form>
    </dialog>`;
  }

  private renderProblem(problem: Problem) {
    const w = this.words;
    const fields = problem.errors ? Object.entries(problem.errors) : [];
    return html`<div class="alert" role="alert" data-code=${problem.code}>${w.error(problem.code)}
      ${fields.length ? html`<ul>${fields.map(([field, messages]) => html`<li><code>${field}</code>: ${messages.join(" ")}</li>`)}</ul>` : nothing}</div>`;
  }

  private renderPreview(preview: Preview) {
    const w = this.words;
    const line = (l: InvoiceLine) =>
      html`<div class="line"><span>${w.line(l)}<br><span class="help">${w.date(l.periodStart)} – ${w.date(l.periodEnd)}</span></span><span>${w.money(l.amount)}</span></div>`;
    return html`<div class="preview" data-testid="preview" aria-live="polite">
      ${preview.dueNow ? html`${preview.dueNow.lines.map(line)}
        <div class="line total"><span>${w.t("dueNow")}</span><span data-testid="due-now">${w.money(preview.dueNow.total)}</span></div>` : html`<div class="line"><span>${w.t("nothingDueNow")}</span></div>`}
      <div class="line"><span>${w.t("nextInvoice", { date: w.date(preview.nextInvoiceAt) })}</span><span data-testid="next-invoice">${w.money(preview.nextInvoice.total)}</span></div>
    </div>`;
  }

  private renderDialogFields(kind: DialogKind) {
    const w = this.words;
    const view = this.view!;
    const form = this.form!;
    switch (kind) {
      case "upgrade": return html`${this.planFields()}
        <div class="field"><label for="f-owner">${w.t("billingOwner")}</label>
          <select id="f-owner" name="owner" @change=${(e: Event) => this.edit((f) => { f.owner = value(e); })}>
            ${(view.members ?? []).map((m) => html`<option value=${m.userId} ?selected=${m.userId === form.owner}>${m.name ?? m.userId}${m.userId === view.caller?.userId ? ` (${w.t("you")})` : ""}</option>`)}
          </select></div>
        ${this.infoFields()}
        ${this.methodFields()}
        ${this.paidTeams?.length ? this.takeOverField(this.paidTeams) : nothing}`;
      case "change": return this.planFields();
      case "withdraw": return html`<p>${w.t("scheduled", { date: w.date(view.scheduledChange?.effectiveAt) })}</p>`;
      case "cancel": return html`<p>${w.t("cancelExplain", { date: w.date(view.renewsAt) })}</p>`;
      case "resume": return html`<p>${w.t("resumeExplain", { date: w.date(view.cancelAt) })}</p>`;
      case "stopTrial": return html`<p>${w.t("stopTrialExplain")}</p>`;
      case "trial": return html`<p>${w.t("trialExplain", { days: this.plans?.trialDays ?? 30 })}</p>${this.tierField()}`;
      case "transfer": return html`<p>${w.t("transferExplain")}</p>
        <div class="field"><label for="f-member">${w.t("newOwner")}</label>
          <select id="f-member" name="member" @change=${(e: Event) => this.edit((f) => { f.member = value(e); })}>
            ${(view.members ?? []).filter((m) => m.userId !== view.billingOwner?.userId).map((m) => html`<option value=${m.userId} ?selected=${m.userId === form.member}>${m.name ?? m.userId}</option>`)}
          </select></div>`;
      case "payment": return this.methodFields();
      case "info": return this.infoFields();
    }
  }

  /** U11: the teams below that pay for their own plans, and the choice to end those plans now with their unused part refunded. */
  private takeOverField(teams: PaidTeam[]) {
    const w = this.words;
    return html`<fieldset data-testid="paid-teams"><legend>${w.t("paidTeams")}</legend>
      <ul>${teams.map((t) => html`<li><code>${t.spaceId}</code>${t.billingOwnerId ? ` · ${w.t("billingOwner")}: ${t.billingOwnerId}` : ""}</li>`)}</ul>
      <label class="choice"><input type="checkbox" name="takeOver" data-testid="take-over" .checked=${this.form!.takeOver}
        @change=${(e: Event) => this.edit((f) => { f.takeOver = (e.target as HTMLInputElement).checked; })}>${w.t("takeOverTeams")}</label>
    </fieldset>`;
  }

  private tierField() {
    const w = this.words;
    return html`<div class="field"><label for="f-tier">${w.t("tier")}</label>
      <select id="f-tier" name="tier" @change=${(e: Event) => this.edit((f) => { f.tier = value(e); })}>
        ${(this.plans?.tiers ?? []).map((t) => html`<option value=${t.id} ?selected=${t.id === this.form!.tier}>${t.name}</option>`)}
      </select></div>`;
  }

  private planFields() {
    const w = this.words;
    const form = this.form!;
    const members = this.view?.seatUsage?.used ?? this.view?.members?.length ?? 0;
    return html`${this.tierField()}
      <fieldset><legend>${w.t("cycle")}</legend><div class="choices">
        ${["monthly", "annual"].map((c) => html`<label class="choice"><input type="radio" name="cycle" value=${c} .checked=${form.cycle === c}
          @change=${() => this.edit((f) => { f.cycle = c; })}>${w.t(c === "annual" ? "annual" : "monthly")}</label>`)}
      </div></fieldset>
      <div class="field"><label for="f-seats">${w.t("seats")}</label>
        <select id="f-seats" name="seats" aria-describedby="seats-help" @change=${(e: Event) => this.edit((f) => { f.seats = Number(value(e)); })}>
          ${this.ladder().map((n) => html`<option value=${n} ?selected=${n === form.seats}>${n}</option>`)}
        </select>
        <span class="help" id="seats-help">${w.t("seatsHelp", { count: members })}</span></div>`;
  }

  private infoFields() {
    const w = this.words;
    const info = this.form!.info;
    const text = (name: string, label: string, current: string | undefined, set: (f: Form, v: string) => void, required = false, type = "text", autocomplete = "") =>
      html`<label class="field">${label}<input name=${name} type=${type} .value=${current ?? ""} ?required=${required} autocomplete=${autocomplete || "on"}
        @input=${(e: Event) => this.edit((f) => set(f, value(e)))}></label>`;
    return html`<fieldset><legend>${w.t("billingInfo")}</legend>
      <div class="form">
        ${text("name", w.t("name"), info.name, (f, v) => { f.info.name = v; }, true, "text", "organization")}
        ${text("email", w.t("email"), info.email, (f, v) => { f.info.email = v; }, true, "email", "email")}
        ${text("line1", w.t("line1"), info.address.line1, (f, v) => { f.info.address.line1 = v; }, true, "text", "address-line1")}
        ${text("line2", w.t("line2"), info.address.line2, (f, v) => { f.info.address.line2 = v; }, false, "text", "address-line2")}
        <div class="grid2">
          ${text("city", w.t("city"), info.address.city, (f, v) => { f.info.address.city = v; }, true, "text", "address-level2")}
          ${text("postalCode", w.t("postalCode"), info.address.postalCode, (f, v) => { f.info.address.postalCode = v; }, false, "text", "postal-code")}
        </div>
        <div class="grid2">
          ${text("region", w.t("region"), info.address.region, (f, v) => { f.info.address.region = v; }, false, "text", "address-level1")}
          <div class="field"><label for="f-country">${w.t("country")}</label>
            <select id="f-country" name="country" autocomplete="country" @change=${(e: Event) => this.edit((f) => { f.info.address.country = value(e); })}>
              ${[...new Set([info.address.country, ...countries])].map((c) => ({ c, name: w.country(c) })).sort((a, b) => a.name.localeCompare(b.name, w.locale))
                .map(({ c, name }) => html`<option value=${c} ?selected=${c === info.address.country}>${name}</option>`)}
            </select></div>
        </div>
        ${text("taxId", w.t("taxId"), info.taxId, (f, v) => { f.info.taxId = v; })}
      </div></fieldset>`;
  }

  private methodFields() {
    const w = this.words;
    const form = this.form!;
    const options: { id: PaymentChoice; label: string }[] = [];
    if (this.payments.sandbox) {
      options.push({ id: "sandbox-ok", label: w.t("sandboxOk") }, { id: "sandbox-declined", label: w.t("sandboxDeclined") });
      options.push({ id: "sandbox-paypal", label: w.t("sandboxPayPal") });
    }
    if (this.payments.stripePublishableKey) options.push({ id: "card", label: w.t("card") });
    if (this.payments.payPal) options.push({ id: "paypal", label: w.t("paypal") });
    return html`<fieldset><legend>${w.t("paymentMethod")}</legend>
      <div class="choices">${options.map((o) => html`<label class="choice"><input type="radio" name="method" value=${o.id} .checked=${form.method === o.id}
        @change=${() => this.edit((f) => { f.method = o.id; })}>${o.label}</label>`)}</div>
      ${form.method === "card" ? html`<div id="card-host" class="card-host"></div>` : nothing}
      ${form.method === "paypal" || form.method === "sandbox-paypal" ? html`<p class="help" data-testid="paypal-help">${w.t(this.approved ? "paypalApproved" : "paypalContinue")}</p>` : nothing}
    </fieldset>`;
  }
}

function value(event: Event) { return (event.target as HTMLInputElement | HTMLSelectElement).value; }

function asProblem(error: unknown): Problem {
  return error instanceof Problem ? error : new Problem(0, "internal_error", error instanceof Error ? error.message : String(error));
}

customElements.define("billing-tab", BillingTab);
