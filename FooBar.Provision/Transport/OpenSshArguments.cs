using System.Globalization;
using System.Text;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Builds the argument vector of one <c>ssh</c> invocation (never a command line string).</summary>
internal static class OpenSshArguments
{
    /// <summary>The arguments that run <paramref name="remoteCommand"/> on <paramref name="host"/>, over the master at <paramref name="controlPath"/> when there is one.</summary>
    /// <remarks>
    /// <c>ControlMaster=no</c>: a command never opens a master itself (<see cref="ForMaster"/> does, and only it is ever
    /// retried). Should the master have gone, ssh connects directly instead.
    /// </remarks>
    public static IReadOnlyList<string> ForCommand(HostEntry host, string? controlPath, string remoteCommand, string? configFile = null)
    {
        var arguments = new List<string> { "-o", "BatchMode=yes" };
        if (controlPath is not null)
        {
            Option(arguments, "ControlMaster", "no");
            Option(arguments, "ControlPath", QuoteArgument(ConfigValue(controlPath)));
        }

        Common(arguments, host, configFile);
        arguments.Add("-T");
        arguments.Add("--");
        arguments.Add(host.Address);
        arguments.Add(remoteCommand);
        return arguments;
    }

    /// <summary>
    /// The arguments that open the master connection at <paramref name="controlPath"/> and run nothing: <c>-N</c> (no
    /// command), <c>-f</c> (to the background once authenticated), its messages appended to <paramref name="logPath"/>.
    /// </summary>
    public static IReadOnlyList<string> ForMaster(HostEntry host, OpenSshOptions options, string controlPath, string logPath)
    {
        // Never "no": a master opened with -N has no session of its own to end with, and would outlive a killed controller.
        var persist = Math.Max(1, options.ControlPersistSeconds).ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string> { "-o", "BatchMode=yes" };
        Option(arguments, "ControlMaster", "yes");
        Option(arguments, "ControlPath", QuoteArgument(ConfigValue(controlPath)));
        Option(arguments, "ControlPersist", persist);

        // ssh takes the first value of an option: INFO (before Common's level) keeps "Timeout, server … not responding" in the log.
        Option(arguments, "LogLevel", "INFO");
        Common(arguments, host, options.ConfigFile);
        arguments.Add("-E");
        arguments.Add(logPath);
        arguments.Add("-f");
        arguments.Add("-N");
        arguments.Add("--");
        arguments.Add(host.Address);
        return arguments;
    }

    /// <summary>The arguments that send a control request (<c>check</c>, <c>exit</c>) to the master at <paramref name="controlPath"/>.</summary>
    public static IReadOnlyList<string> ForControl(HostEntry host, string controlPath, string request, string? configFile = null)
    {
        var arguments = new List<string> { "-o", "BatchMode=yes" };
        Option(arguments, "ControlPath", QuoteArgument(ConfigValue(controlPath)));
        Common(arguments, host, configFile);
        arguments.Add("-O");
        arguments.Add(request);
        arguments.Add("--");
        arguments.Add(host.Address);
        return arguments;
    }

    /// <summary>
    /// The arguments that make ssh print the configuration it would use for <paramref name="host"/> (<c>-G</c>) and exit:
    /// the same file, options, port, user and address as a command's, so ssh reads its configuration exactly as it will
    /// when connecting. <c>-G</c> connects nowhere and runs no <c>ProxyCommand</c>; it runs a <c>Match exec</c> command.
    /// </summary>
    public static IReadOnlyList<string> ForConfigCheck(HostEntry host, string? configFile)
    {
        var arguments = new List<string> { "-G", "-o", "BatchMode=yes" };
        Common(arguments, host, configFile);
        arguments.Add("-T");
        arguments.Add("--");
        arguments.Add(host.Address);
        return arguments;
    }

    private static void Common(List<string> arguments, HostEntry host, string? configFile)
    {
        if (configFile is not null)
        {
            // Taken as is: ssh -F expands no token, and "none" means no file.
            arguments.Add("-F");
            arguments.Add(configFile);
        }

        if (host.ConnectTimeoutSeconds > 0)
        {
            Option(arguments, "ConnectTimeout", host.ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        }

        // A silent network (host down, cable cut, packets dropped) ends the connection after interval × count seconds.
        Option(arguments, "ServerAliveInterval", host.KeepAliveIntervalSeconds.ToString(CultureInfo.InvariantCulture));
        Option(arguments, "ServerAliveCountMax", host.KeepAliveCountMax.ToString(CultureInfo.InvariantCulture));
        Option(arguments, "StrictHostKeyChecking", host.HostKeyChecking == HostKeyChecking.AcceptNew ? "accept-new" : "yes");
        if (host.KexAlgorithms.Count > 0)
        {
            Option(arguments, "KexAlgorithms", string.Join(',', host.KexAlgorithms));
        }
        if (host.KnownHostsFile is { } knownHosts)
        {
            Option(arguments, "UserKnownHostsFile", QuoteArgument(ConfigValue(knownHosts)));
        }

        if (host.IdentityFile is { } identity)
        {
            Option(arguments, "IdentitiesOnly", "yes");
            arguments.Add("-i");
            arguments.Add(ConfigValue(identity));
        }

        arguments.Add("-p");
        arguments.Add(host.Port.ToString(CultureInfo.InvariantCulture));
        if (host.User is { } user)
        {
            arguments.Add("-l");
            arguments.Add(user);
        }

        // INFO, not ERROR: ssh's warnings about host keys ("Failed to add the host to the list of known hosts",
        // "Permanently added", a key that differs from the IP's) are INFO messages and must never be hidden.
        Option(arguments, "LogLevel", "INFO");
    }

    private static void Option(List<string> arguments, string name, string value)
    {
        arguments.Add("-o");
        arguments.Add(name + "=" + value);
    }

    /// <summary>Escapes ssh's <c>%</c> tokens so a path is taken literally.</summary>
    private static string ConfigValue(string path) => path.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>A value as one argument of an ssh configuration line (whitespace would split it into several).</summary>
    private static string QuoteArgument(string escaped)
    {
        if (!escaped.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\'))
        {
            return escaped;
        }

        var builder = new StringBuilder("\"");
        foreach (var c in escaped)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
