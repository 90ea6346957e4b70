namespace FooBar.Provision.Testing;

/// <summary>A test kit check failed: the message says what was expected, what happened, and on which host.</summary>
/// <remarks>
/// The kit does not depend on a test framework: every framework (xunit, NUnit, MSTest, TUnit) reports an exception
/// thrown by a test as a failure with its message. It is not a <see cref="ProvisionException"/>: it reports a failed
/// expectation in a test, not a failure of a run.
/// </remarks>
public sealed class RoleAssertionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public RoleAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public RoleAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message of its own.</summary>
    public RoleAssertionException()
    {
    }
}
