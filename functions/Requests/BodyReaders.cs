using Billing.Core.Calendar;
using Billing.Core.Catalog;
using Billing.Core.Common;
using Billing.Core.Invoicing;
using Billing.Core.Spaces;
using Billing.Core.Subscriptions;
using Billing.Core.Tax;

namespace Billing.Functions.Requests;

/// <summary>Reads bodies into domain values, collecting every field error (parse at the edge, then trust).</summary>
public static class BodyReaders
{
    private static readonly OrderedDictionary<string, SpaceKind> SpaceKinds = new()
    {
        ["workspace"] = SpaceKind.Workspace,
        ["organization"] = SpaceKind.Organization,
        ["division"] = SpaceKind.Division,
        ["team"] = SpaceKind.Team,
    };

    private static readonly OrderedDictionary<string, MemberRole> MemberRoles = new()
    {
        ["member"] = MemberRole.Member,
        ["admin"] = MemberRole.Admin,
    };

    /// <summary>
    /// The billing information of <paramref name="body"/>, the locale it names (null when it names none:
    /// core's <see cref="BillingLanguage"/> decides it, English until then) and its tax id as given, still to
    /// be checked (T2) by <see cref="TaxIdVerifier"/>.
    /// </summary>
    public static (BillingInfo Info, Locale? Locale, string? TaxId) BillingInfo(BillingInfoBody? body, FieldErrors errors)
    {
        if (body is null)
        {
            errors.Add("billingInfo", "Required.");
            return (null!, null, null);
        }

        var taxId = errors.OptionalText("billingInfo.taxId", body.TaxId, maxLength: 40);

        var address = body.Address;
        if (address is null)
        {
            errors.Add("billingInfo.address", "Required.");
        }

        var locale = errors.Locale("billingInfo.locale", body.Locale);
        var info = new BillingInfo(
            errors.Text("billingInfo.name", body.Name),
            errors.Email("billingInfo.email", body.Email),
            new PostalAddress(
                errors.Text("billingInfo.address.line1", address?.Line1, required: address is not null),
                errors.OptionalText("billingInfo.address.line2", address?.Line2),
                errors.Text("billingInfo.address.city", address?.City, required: address is not null),
                errors.OptionalText("billingInfo.address.postalCode", address?.PostalCode, maxLength: 20),
                errors.OptionalText("billingInfo.address.region", address?.Region),
                address is null ? "US" : errors.Country("billingInfo.address.country", address.Country)),
            null,
            locale ?? Locale.English);
        return (info, locale, taxId);
    }

    /// <summary>T3: <c>{ exempt: true, reason }</c> marks a customer exempt, <c>{ exempt: false }</c> lifts it.</summary>
    public static TaxExemption? TaxExemption(TaxExemptionBody? body, FieldErrors errors)
    {
        if (body?.Exempt is not { } exempt)
        {
            errors.Add("exempt", "Required: true or false.");
            return null;
        }

        if (!exempt)
        {
            if (body.Reason is not null)
            {
                errors.Add("reason", "Only an exemption has a reason.");
            }

            return null;
        }

        return new TaxExemption(errors.Text("reason", body.Reason, maxLength: 200));
    }

    public static ChangeCommand Change(ChangeBody? body, FieldErrors errors)
    {
        if (!errors.HasBody(body))
        {
            return new ChangeCommand(null, null, null);
        }

        return new ChangeCommand(
            body.Tier is null ? null : errors.Tier("tier", body.Tier),
            body.Cycle is null ? null : errors.Cycle("cycle", body.Cycle),
            body.Seats is null ? null : errors.Seats("seats", body.Seats));
    }

    public static Space Space(SpaceId id, SpaceBody? body, FieldErrors errors)
    {
        if (!errors.HasBody(body))
        {
            return null!;
        }

        var kind = errors.OneOf("kind", body.Kind, SpaceKinds);

        SpaceId? organization = null;
        if (kind is SpaceKind.Team or SpaceKind.Division)
        {
            if (SpaceId.TryParse(body.OrganizationId, out var org))
            {
                organization = org;
            }
            else
            {
                errors.Add("organizationId", "A team or a division names its organization: an id of 1 to 64 characters from [A-Za-z0-9_-].");
            }
        }
        else if (body.OrganizationId is not null)
        {
            errors.Add("organizationId", "Only a team or a division has an organization.");
        }

        SpaceId? division = null;
        if (body.DivisionId is not null)
        {
            if (kind != SpaceKind.Team)
            {
                errors.Add("divisionId", "Only a team belongs to a division (S4).");
            }
            else if (SpaceId.TryParse(body.DivisionId, out var d))
            {
                division = d;
            }
            else
            {
                errors.Add("divisionId", "An id of 1 to 64 characters from [A-Za-z0-9_-].");
            }
        }

        var name = errors.Text("name", body.Name);
        var locale = errors.Locale("locale", body.Locale);
        return errors.Any ? null! : new Space(id, kind!.Value, name, organization, locale, division);
    }

    public static Member Member(UserId user, MemberBody? body, FieldErrors errors)
    {
        if (!errors.HasBody(body))
        {
            return null!;
        }

        var role = errors.OneOf("role", body.Role, MemberRoles);
        return new Member(user, errors.Email("email", body.Email), errors.OptionalText("name", body.Name), role ?? MemberRole.Member, errors.Locale("locale", body.Locale));
    }
}
