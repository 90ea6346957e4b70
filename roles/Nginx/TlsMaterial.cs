using System.Text;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Nginx;

/// <summary>The site's certificate (chain) and private key, read on the control machine.</summary>
/// <remarks>
/// <c>nginx_tls_certificate</c> and <c>nginx_tls_key</c> each hold either PEM text (a value that starts with
/// <c>-----BEGIN</c>, such as a <c>{ file: … }</c> secret) or a path on the control machine, resolved from the
/// inventory's directory. Both must be set for TLS, or neither.
/// </remarks>
internal sealed record TlsMaterial(byte[] Certificate, byte[] Key)
{
    private const string PemStart = "-----BEGIN";

    /// <summary>The material, or null when TLS is off.</summary>
    public static TlsMaterial? From(RoleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var certificate = Value(context.Variables, "nginx_tls_certificate");
        var key = Value(context.Variables, "nginx_tls_key");
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            var missing = certificate is null ? "nginx_tls_certificate" : "nginx_tls_key";
            throw new VariableException($"TLS needs both nginx_tls_certificate and nginx_tls_key, but '{missing}' is not set", $"set '{missing}' as well, or unset both to serve plain HTTP");
        }

        return new TlsMaterial(Read(context, "nginx_tls_certificate", certificate, "CERTIFICATE"), Read(context, "nginx_tls_key", key, "PRIVATE KEY"));
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
