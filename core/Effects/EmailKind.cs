namespace Billing.Core.Effects;

/// <summary>The emails billing sends: to the billing owner only (B4), and to the former and the new owner of a transfer (B8).</summary>
public enum EmailKind
{
    /// <summary>A new invoice, with its PDF and a link to the invoices online (B4).</summary>
    Invoice,

    /// <summary>A charge failed; the subscription is past due and will be retried (R3).</summary>
    PaymentFailed,

    /// <summary>The paid plan ended: cancelled (C2) or unpaid after the last retry (R3).</summary>
    PlanEnded,

    /// <summary>The plan grew to the next rung because a member joined a full space (N3).</summary>
    SeatsIncreasedAutomatically,

    /// <summary>A trial ends soon (U10).</summary>
    TrialEnding,

    /// <summary>A trial ended and the space is back on Basic (U10).</summary>
    TrialEnded,

    /// <summary>The bank asks the billing owner to confirm a charge (strong customer authentication); the invoice stays open.</summary>
    PaymentActionRequired,

    /// <summary>An invoice paid by bank transfer is overdue: the reminder on its due date and the days after (I4), with the amount still due.</summary>
    PaymentReminder,

    /// <summary>The saved payment method was removed at the provider; the next charge needs a new one (P1).</summary>
    PaymentMethodRemoved,

    /// <summary>The team's plan was taken over by its organization or division (U11): ended at once, its unused part refunded with the attached credit note.</summary>
    PlanTakenOver,

    /// <summary>The team moved into a division on a paid plan (S4): its own plan keeps the paid period and does not renew.</summary>
    PlanCoveredByDivision,

    /// <summary>Billing ownership was handed to another member (B3, B8): told to the former owner.</summary>
    BillingOwnershipHandedOver,

    /// <summary>Billing ownership was handed to this member (B3, B8): told to the new owner.</summary>
    BillingOwnershipReceived,

    /// <summary>The credit note of a refund (V5: an invoice refunded in full or in part), its PDF attached: the money goes back to the payer.</summary>
    CreditNote,

    /// <summary>The credit note of a voided invoice (V5), its PDF attached: the invoice is cancelled and nothing is owed on it.</summary>
    InvoiceVoided,
}
