using System.Text;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles;

/// <summary>A site's certificate (chain) and private key, read on the control machine (nginx, haproxy).</summary>
/// <remarks>
/// The certificate and key variables each hold either PEM text (a value that starts with <c>-----BEGIN</c>, such as a
/// <c>{ file: … }</c> secret) or a path on the control machine, resolved from the inventory's directory. Both must be
/// set for TLS, or neither.
/// </remarks>
internal sealed record TlsMaterial(byte[] Certificate, byte[] Key)
{
    private const string PemStart = "-----BEGIN";

    /// <summary>The material named by <paramref name="certificate"/> and <paramref name="key"/>, or null when TLS is off.</summary>
    public static TlsMaterial? From(RoleContext context, VariableDeclaration certificate, VariableDeclaration key)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        var certificateValue = Value(context.Variables, certificate.Name);
        var keyValue = Value(context.Variables, key.Name);
        if (certificateValue is null && keyValue is null)
        {
            return null;
        }

        if (certificateValue is null || keyValue is null)
        {
            var missing = certificateValue is null ? certificate.Name : key.Name;
            throw new VariableException($"TLS needs both {certificate.Name} and {key.Name}, but '{missing}' is not set", $"set '{missing}' as well, or unset both to serve plain HTTP");
        }

        return new TlsMaterial(Read(context, certificate.Name, certificateValue, "CERTIFICATE"), Read(context, key.Name, keyValue, "PRIVATE KEY"));
    }

    /// <summary>
    /// The problems of a certificate and key pair before any connection: a path that names no file on this machine
    /// (<paramref name="missingFile"/> says so), and one set without the other.
    /// </summary>
    public static IEnumerable<VariableProblem> Check(VariableSet variables, VariableDeclaration certificate, VariableDeclaration key, Func<VariableDeclaration, VariableProblem?> missingFile)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(missingFile);
        foreach (var tls in new[] { certificate, key })
        {
            var pem = variables.GetStringOrNull(tls.Name)?.TrimStart().StartsWith(PemStart, StringComparison.Ordinal) == true;
            if (!pem && missingFile(tls) is { } missing)
            {
                yield return missing;
            }
        }

        var hasCertificate = Value(variables, certificate.Name) is not null;
        var hasKey = Value(variables, key.Name) is not null;
        if (hasCertificate != hasKey)
        {
            var (set, unset) = hasCertificate ? (certificate, key) : (key, certificate);
            yield return new VariableProblem(set.Name, $"is set but {unset.Name} is not: TLS needs both, or neither", $"{unset.Name} as well", unset.Example);
        }
    }

    private static string? Value(VariableSet variables, string name)
    {
        var value = variables.GetStringOrNull(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static byte[] Read(RoleContext context, string name, string value, string expected)
    {
        string pem;
        if (value.TrimStart().StartsWith(PemStart, StringComparison.Ordinal))
        {
            pem = value.Trim();
        }
        else
        {
            var path = context.ResolveLocalPath(value);
            try
            {
                pem = File.ReadAllText(path).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The message names the variable and the path, never the content.
                var detail = context.Variables.IsSecret(name) ? "cannot read the file its secret value names" : $"cannot read {path}: {e.Message}";
                throw new VariableException($"variable '{name}': {detail}", "give the path of a PEM file on this machine (relative paths start at the inventory's directory), or the PEM text");
            }
        }

        if (!pem.StartsWith(PemStart, StringComparison.Ordinal) || !pem.Contains(expected, StringComparison.Ordinal))
        {
            throw new VariableException($"variable '{name}' is not PEM text with a {expected} block", $"give a PEM file (-----BEGIN ...{expected}-----) or its path");
        }

        return Encoding.UTF8.GetBytes(pem + "\n");
    }
}
