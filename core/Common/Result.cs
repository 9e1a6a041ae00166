using System.Diagnostics.CodeAnalysis;

namespace Billing.Core.Common;

/// <summary>Either a value or the <see cref="DomainError"/> that refused it. Errors are values, not exceptions.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, DomainError? error)
    {
        _value = value;
        Error = error;
    }

    public DomainError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"The result is an error: {Error.ApiCode}.");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);
}
