using Billing.Core.Invoicing;

namespace Billing.Infra.Issuing;

/// <summary>Turns an invoice into the PDF its billing owner downloads (V2, V4).</summary>
public interface IInvoicePdfRenderer
{
    byte[] RenderPdf(Invoice invoice);
}
