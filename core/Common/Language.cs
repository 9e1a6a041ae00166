namespace Billing.Core.Common;

/// <summary>The languages invoices and emails are written in (V4): those of the help article.</summary>
public enum Language
{
    English,
    French,
    Dutch,
    Swedish,
    Indonesian,
    TraditionalChinese,
}
