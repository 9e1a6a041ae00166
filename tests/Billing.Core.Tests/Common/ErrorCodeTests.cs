using System.Text.RegularExpressions;
using Billing.Core.Common;

namespace Billing.Core.Tests.Common;

public class ErrorCodeTests
{
    [Fact]
    public void Every_error_code_has_its_own_snake_case_api_spelling()
    {
        var spellings = Enum.GetValues<ErrorCode>().Select(code => code.ToApiCode()).ToList();

        Assert.All(spellings, spelling => Assert.Matches(new Regex("^[a-z]+(_[a-z]+)*$"), spelling));
        Assert.Equal(spellings.Count, spellings.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(ErrorCode.InvalidRequest, "invalid_request")]
    [InlineData(ErrorCode.Unauthenticated, "unauthenticated")]
    [InlineData(ErrorCode.SeatsBelowMembers, "seats_below_members")]
    [InlineData(ErrorCode.WebhookSignatureInvalid, "webhook_signature_invalid")]
    [InlineData(ErrorCode.IdempotencyKeyReused, "idempotency_key_reused")]
    [InlineData(ErrorCode.StorageUnavailable, "storage_unavailable")]
    public void The_api_spelling_is_the_one_of_api_md(ErrorCode code, string spelling) => Assert.Equal(spelling, code.ToApiCode());
}
