using System.Text;

namespace FooBar.Provision.Roles.AppFiles;

/// <summary>How a value that may hold any character is written into the app's <c>config.ini</c>.</summary>
/// <remarks>
/// Percent-encoding of the UTF-8 bytes, keeping only letters, digits, <c>-</c>, <c>.</c> and <c>_</c>: the only
/// characters that Python's configparser and PHP's parse_ini_file both read back as written (PHP cuts a value at
/// <c>;</c> and strips quotes, Python keeps both; both trim spaces). A password of those characters only is written
/// unchanged, so a release that predates the encoding still reads it. The app decodes with <c>urllib.parse.unquote</c> /
/// <c>rawurldecode</c>.
/// </remarks>
internal static class ConfigIni
{
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
