using Billing.Core.Common;

namespace Billing.Core.Tests.Support;

internal static class ResultAssertions
{
    public static T Ok<T>(this Result<T> result)
    {
        Assert.True(result.IsSuccess, result.IsSuccess ? null : $"Expected success, got {result.Error.ApiCode}: {result.Error.Detail}");
        return result.Value;
    }

    public static DomainError Fails<T>(this Result<T> result, ErrorCode code)
    {
        Assert.False(result.IsSuccess, "Expected an error, the decision succeeded.");
        Assert.Equal(code, result.Error!.Code);
        return result.Error;
    }
}
