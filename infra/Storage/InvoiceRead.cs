using System.Diagnostics;
using Azure;
using Billing.Core.Invoicing;

namespace Billing.Infra.Storage;

/// <summary>
/// An invoice row as a caller read or wrote it, and when that call began (<see cref="Stopwatch.GetTimestamp"/>):
/// numbering trusts it only if it began after this process last read the invoice counter afresh.
/// </summary>
public readonly record struct InvoiceRead(Invoice Invoice, ETag ETag, long Since);
