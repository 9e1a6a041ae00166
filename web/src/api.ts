// The billing API as the pages use it (API.md). Hand-typed: the served OpenAPI document describes the
// routes and request bodies but not the answers (the endpoints return IResult without Produces
// metadata), so types generated from it would leave every answer untyped. The Billing.Web.Tests
// check that these names are the ones the server answers by running every flow against it.

export interface Money { amount: number; currency: string }
export interface Person { userId: string; name?: string; email?: string }
export interface PaymentMethod { provider: string; brand?: string; last4?: string; expiryMonth?: number; expiryYear?: number; email?: string }
export interface ScheduledChange { tier?: string; cycle?: string; seats?: number; effectiveAt: string }
export type Action = "upgrade" | "startTrial" | "stopTrial" | "changePlan" | "cancel" | "resume" | "transferOwnership"
  | "editBillingInfo" | "changePaymentMethod" | "readInvoices";
export interface CallerInfo { userId?: string; role?: string; locale?: string; actions: Action[]; salesActions?: SalesAction[] }
/** What sales may do from the back office (core's SalesActions). */
export type SalesAction = "endNow" | "setTaxExemption" | "recordPayment" | "void" | "refund";
export interface BillingView {
  spaceId: string; spaceName?: string; plan: string; status: string; cycle?: string; seats?: number;
  seatUsage?: { used: number; seats: number }; renewsAt?: string; cancelAt?: string;
  scheduledChange?: ScheduledChange; trialEndsAt?: string; billingOwner?: Person; paymentMethod?: PaymentMethod;
  caller?: CallerInfo; members?: Person[];
}
export interface Address { line1: string; line2?: string; city: string; postalCode?: string; region?: string; country: string }
export interface BillingInfo { name: string; email: string; address: Address; taxId?: string; taxIdStatus?: string; taxExempt?: boolean; locale?: string }
export interface InvoiceLine { kind: "plan" | "proration" | "credit" | "refund"; description: string; tierName: string; cycle: string; quantity: number; unitPrice: Money; amount: Money; periodStart: string; periodEnd: string }
export interface Invoice {
  id: string; kind?: string; number?: string; status: string; issuedAt: string; dueAt?: string; periodStart: string; periodEnd: string;
  lines: InvoiceLine[]; subtotal: Money; tax: Money; total: Money; amountDue?: Money; paymentMethod?: PaymentMethod;
  paymentConfirmation?: { provider: string; clientSecret?: string; approvalUrl?: string };
  creditsInvoiceId?: string; creditsInvoiceNumber?: string; payments?: { amount: Money; receivedAt: string; reference: string }[]; salesActions?: SalesAction[];
}
/** An invoice still waiting for money (I4), with its age as core counts it. */
export interface Receivable { spaceId: string; invoice: Invoice; amountDue: Money; dueAt: string; overdue: boolean; daysOverdue: number }
export interface Page<T> { items: T[]; continuationToken?: string }
export interface PreviewPart { lines: InvoiceLine[]; subtotal?: Money; tax?: Money; total: Money }
export interface Preview { dueNow?: PreviewPart; nextInvoiceAt: string; nextInvoice: PreviewPart }
export interface Tier { id: string; name: string; prices: { currency: string; monthlyPerSeat: Money; annualPerSeat: Money }[] }
export interface Plans { tiers: Tier[]; cycles: string[]; seatLadder: { minimum: number; maximum: number; steps: { upTo: number; step: number }[] }; trialDays: number }
export interface PaymentMethodSetup { provider: string; clientSecret?: string; setupToken?: string; approvalUrl?: string }
export interface PaymentMethodChoice { provider: string; token?: string }
export interface UpgradeBody { tier: string; cycle: string; seats: number; billingOwnerId: string; billingInfo?: BillingInfoBody; paymentMethod?: PaymentMethodChoice; takeOverTeamPlans?: boolean }
/** A team (or division) below with a plan of its own, named by `teams_already_paid` (U11). */
export interface PaidTeam { spaceId: string; billingOwnerId?: string }
export interface ChangeBody { tier?: string; cycle?: string; seats?: number }
export type BillingInfoBody = Omit<BillingInfo, "taxIdStatus" | "taxExempt">;

/** An RFC 9457 problem with the API's stable code. */
export class Problem extends Error {
  constructor(readonly status: number, readonly code: string, detail: string, readonly errors?: Record<string, string[]>, readonly teams?: PaidTeam[]) {
    super(detail);
  }
}

export type TokenSource = () => Promise<string>;

/** The calls of the billing tab, each with the caller's bearer token in a header (never in the URL). */
export class BillingApi {
  constructor(private readonly base: string, private readonly token: TokenSource) {}

  billing(space: string) { return this.get<BillingView>(`spaces/${enc(space)}/billing`); }
  plans() { return this.send<Plans>("GET", "plans", undefined, undefined, false); }
  billingInfo(space: string) { return this.get<BillingInfo>(`spaces/${enc(space)}/billing-info`); }
  invoices(space: string, continuationToken?: string) {
    const query = continuationToken ? `&continuationToken=${encodeURIComponent(continuationToken)}` : "";
    return this.get<Page<Invoice>>(`spaces/${enc(space)}/invoices?pageSize=20${query}`);
  }
  invoice(space: string, id: string) { return this.get<Invoice>(`spaces/${enc(space)}/invoices/${enc(id)}`); }
  preview(space: string, body: UpgradeBody | ChangeBody) { return this.send<Preview>("POST", `spaces/${enc(space)}/subscription/preview`, body); }
  upgrade(space: string, body: UpgradeBody, key: string) { return this.send<BillingView>("POST", `spaces/${enc(space)}/subscription`, body, key); }
  change(space: string, body: ChangeBody, key: string) { return this.send<BillingView>("PATCH", `spaces/${enc(space)}/subscription`, body, key); }
  cancel(space: string, key: string) { return this.send<BillingView>("POST", `spaces/${enc(space)}/subscription/cancel`, {}, key); }
  resume(space: string, key: string) { return this.send<BillingView>("POST", `spaces/${enc(space)}/subscription/resume`, {}, key); }
  startTrial(space: string, tier: string, key: string) { return this.send<BillingView>("POST", `spaces/${enc(space)}/trial`, { tier }, key); }
  stopTrial(space: string, key: string) { return this.send<BillingView>("DELETE", `spaces/${enc(space)}/trial`, undefined, key); }
  transfer(space: string, userId: string, key: string) { return this.send<BillingView>("PUT", `spaces/${enc(space)}/billing-owner`, { userId }, key); }
  updateBillingInfo(space: string, body: BillingInfoBody, key: string) { return this.send<BillingView>("PUT", `spaces/${enc(space)}/billing-info`, body, key); }
  setupPaymentMethod(space: string, provider: string) { return this.send<PaymentMethodSetup>("POST", `spaces/${enc(space)}/payment-method/setup`, { provider }); }
  switchPaymentMethod(space: string, method: PaymentMethodChoice, key: string) { return this.send<BillingView>("PUT", `spaces/${enc(space)}/payment-method`, method, key); }

  // The back office (billing.sales): receivables, payments received (I3), voids and refunds (V5), ending at once (U12), tax exemption (T3).
  receivables(continuationToken?: string) {
    const query = continuationToken ? `&continuationToken=${encodeURIComponent(continuationToken)}` : "";
    return this.get<Page<Receivable>>(`receivables?pageSize=50${query}`);
  }
  recordPayment(space: string, invoice: string, body: { amount: number; receivedAt: string; reference: string }, key: string) {
    return this.send<Invoice>("POST", `spaces/${enc(space)}/invoices/${enc(invoice)}/payments`, body, key);
  }
  voidInvoice(space: string, invoice: string, key: string) { return this.send<Invoice>("POST", `spaces/${enc(space)}/invoices/${enc(invoice)}/void`, {}, key); }
  /** A refund (V5): `amount` in minor units, all that is refundable when absent; `reference` the bank's, for an invoice paid by bank transfer. */
  refund(space: string, invoice: string, amount: number | undefined, reference: string | undefined, key: string) {
    return this.send<Invoice>("POST", `spaces/${enc(space)}/invoices/${enc(invoice)}/refunds`, { amount, reference }, key);
  }
  endNow(space: string, refund: "prorated" | "none", key: string) { return this.send<BillingView>("POST", `spaces/${enc(space)}/subscription/cancel`, { at: "now", refund }, key); }
  setTaxExemption(space: string, exempt: boolean, reason: string, key: string) {
    return this.send<BillingView>("PUT", `spaces/${enc(space)}/tax-exemption`, exempt ? { exempt, reason } : { exempt }, key);
  }

  /** The PDF of an invoice (`latest` is accepted), as a Blob the page offers for download. */
  async pdf(space: string, id: string): Promise<Blob> {
    const response = await this.fetch("GET", `spaces/${enc(space)}/invoices/${enc(id)}/pdf`);
    return response.blob();
  }

  private get<T>(path: string) { return this.send<T>("GET", path); }

  private async send<T>(method: string, path: string, body?: unknown, idempotencyKey?: string, authenticated = true): Promise<T> {
    const response = await this.fetch(method, path, body, idempotencyKey, authenticated);
    return (await response.json()) as T;
  }

  private async fetch(method: string, path: string, body?: unknown, idempotencyKey?: string, authenticated = true): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json, application/problem+json, application/pdf" };
    if (authenticated) headers.Authorization = `Bearer ${await this.token()}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.base}api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new Problem(0, "network_error", "The server could not be reached.");
    }
    if (!response.ok) {
      let problem: { code?: string; detail?: string; errors?: Record<string, string[]>; teams?: PaidTeam[] } = {};
      try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
      throw new Problem(response.status, problem.code ?? "internal_error", problem.detail ?? response.statusText, problem.errors, problem.teams);
    }
    return response;
  }
}

const enc = encodeURIComponent;

/** A key per intended change: the same while the person retries or clicks twice, a new one when they change what they ask. */
export const newIdempotencyKey = () => crypto.randomUUID();
