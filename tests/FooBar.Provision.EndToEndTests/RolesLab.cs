using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace FooBar.Provision.EndToEndTests;

/// <summary>Helpers of the role and deploy tests: a lab host of their own, inventories with any password, a bounded request loop.</summary>
internal static class RolesLab
{
    /// <summary>A password with every kind of character that once broke the stack: quotes, backslash, $, `, ;, #, =, spaces, ~, %, +, non-ASCII.</summary>
    public const string HardPassword = "it's \"q\" \\ $x `y` ;z #h =e ~%+ ü日本 end";

    /// <summary>Throws host <paramref name="host"/> away and boots a pristine one (no other host is touched).</summary>
    public static void Fresh(int host) =>
        Lab.Run(Path.Combine(Lab.RepositoryRoot, "lab", "lab.sh"), ["recreate", host.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));

    /// <summary>A secret file holding <paramref name="password"/>.</summary>
    public static string SecretFile(string password)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fbp-secret-").FullName, "db_password");
        File.WriteAllText(path, password + "\n");
        return path;
    }

    /// <summary>An inventory for one lab host with the web stack's four roles.</summary>
    public static string Inventory(int host, string passwordFile, string vars) =>
        LabInventory.Write(host, "mysql, app-files, app-server, nginx", vars, passwordFile: passwordFile);

    /// <summary>A copy of a sample app (without bytecode) that a test may change: each change is a new release.</summary>
    public static string CopyOfTheApp(string kind) => SampleApp.Copy(kind);

    /// <summary>A copy of the app whose stylesheet differs: a good release with a new id.</summary>
    public static string NewGoodRelease(string kind)
    {
        var source = CopyOfTheApp(kind);
        File.AppendAllText(Path.Combine(source, "static", "style.css"), "\n/* release " + Guid.NewGuid() + " */\n");
        return source;
    }

    public static int Changed(JsonElement report) => Provision.Ids(report, "changed").Count;

    public static string Current(int host) => Lab.Ssh(host, "readlink /srv/foobar/current").Trim();

    public static async Task<HttpStatusCode> StatusAsync(int host, string domain, string path)
    {
        using var response = await Site.GetAsync(host, domain, path);
        return response.StatusCode;
    }

    /// <summary>
    /// Requests to the lab host through nginx, paced over the window: at most <paramref name="maxRequests"/>, for at most
    /// <paramref name="maxDuration"/>, and no longer than the token allows. Counts the answers that were not 200.
    /// </summary>
    public static async Task<(int Sent, int Failed)> RequestLoopAsync(int host, string domain, int maxRequests, TimeSpan maxDuration, TimeSpan pace, CancellationToken token)
    {
        int sent = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        while (sent < maxRequests && clock.Elapsed < maxDuration && !token.IsCancellationRequested)
        {
            sent++;
            try
            {
                using var response = await Site.GetAsync(host, domain, "/health");
                failed += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failed++;
            }

            await Task.Delay(pace, CancellationToken.None);
        }

        return (sent, failed);
    }
}
