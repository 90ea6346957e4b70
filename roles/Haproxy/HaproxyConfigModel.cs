using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Haproxy;

/// <summary>What <c>haproxy.cfg.scriban</c> sees besides the variables: the backend's servers, TLS, the socket.</summary>
internal static class HaproxyConfigModel
{
    public static Dictionary<string, object?> From(VariableSet variables, HaproxyBackend backend, bool tls)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(backend);
        return new Dictionary<string, object?>
        {
            ["admin_socket"] = HaproxyRole.AdminSocket,
            ["tls"] = tls,
            ["tls_bundle"] = HaproxyRole.TlsBundlePath,
            ["https_redirect"] = tls && variables.GetBool(HaproxyVariables.HttpsRedirect.Name),
            ["listen_ipv6"] = variables.GetBool(HaproxyVariables.ListenIpv6.Name),
            ["servers"] = backend.Servers.Select(s => new Dictionary<string, object?> { ["name"] = s.Name, ["endpoint"] = s.Endpoint }).ToArray(),
        };
    }
}
