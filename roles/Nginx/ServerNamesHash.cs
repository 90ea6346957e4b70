using System.Globalization;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Roles.Nginx;

/// <summary>The <c>server_names_hash_bucket_size</c> that fits the site's names.</summary>
/// <remarks>
/// nginx stores each server name in a bucket of the server-names hash as a pointer plus the name and two bytes, aligned
/// to the pointer size, and a bucket also ends with a pointer (<c>ngx_hash_init</c>): a name of L bytes needs
/// 16 + align8(L + 2) bytes on a 64-bit host. With the built-in default (64 on x86-64) a name longer than 46 characters
/// breaks <c>nginx -t</c> as soon as a second server block shares the port. <c>auto</c> takes the smallest power of two,
/// at least 64, that fits the longest name of this site; names of other sites on the host are not known here
/// (<c>nginx -t</c> still checks them before any reload: raise the variable then).
/// </remarks>
internal static class ServerNamesHash
{
    private const int Pointer = 8;

    /// <summary>The bytes a name needs in a bucket.</summary>
    public static int Needed(string name) => Pointer + Align(name.Length + 2) + Pointer;

    /// <summary>The bucket size: the variable when it is a number, else the computed one.</summary>
    public static long BucketSize(VariableSet variables, IReadOnlyList<string> names)
    {
        var value = variables.GetStringOrNull("nginx_server_names_hash_bucket_size") ?? "auto";
        var longest = names.Max(n => n.Length);
        var needed = names.Max(Needed);
        if (value == "auto")
        {
            var size = 64L;
            while (size < needed)
            {
                size *= 2;
            }

            return size;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) || chosen < 32 || chosen > 4096 || (chosen & (chosen - 1)) != 0)
        {
            throw new VariableException($"variable 'nginx_server_names_hash_bucket_size' must be auto or a power of two from 32 to 4096, but is '{value}'", "use auto (fits the longest server name) or a size such as 128");
        }

        return chosen >= needed
            ? chosen
            : throw new VariableException(
                $"variable 'nginx_server_names_hash_bucket_size' is {chosen}, too small for a server name of {longest} characters (it needs {needed} bytes)",
                "use auto, or a power of two at least as large");
    }

    private static int Align(int value) => (value + Pointer - 1) / Pointer * Pointer;
}
