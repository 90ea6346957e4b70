using System.Text;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;

namespace FooBar.Provision.Testing;

/// <summary>Reading what a role declared (from <see cref="RoleHarness.Build"/>) in tests.</summary>
public static class RoleBuilderExtensions
{
    /// <summary>The ids of the declared resources, in order (<c>packages[nginx]</c>, <c>file[/etc/nginx/nginx.conf]</c>…).</summary>
    public static IReadOnlyList<string> Ids(this RoleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Resources.Select(r => r.Id).ToArray();
    }

    /// <summary>The declared file resource at <paramref name="path"/>.</summary>
    /// <exception cref="RoleAssertionException">No file resource, or more than one, has that path.</exception>
    public static FileResource File(this RoleBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var files = builder.Resources.OfType<FileResource>().Where(f => f.Path == path).ToArray();
        return files.Length == 1 ? files[0]
            : throw new RoleAssertionException($"expected one file resource at {path}, found {files.Length}; the files declared: {string.Join(", ", builder.Resources.OfType<FileResource>().Select(f => f.Path))}");
    }

    /// <summary>The single declared resource of type <typeparamref name="T"/>.</summary>
    /// <exception cref="RoleAssertionException">There is none, or more than one.</exception>
    public static T One<T>(this RoleBuilder builder)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        var found = builder.Resources.OfType<T>().ToArray();
        return found.Length == 1 ? found[0]
            : throw new RoleAssertionException($"expected one {typeof(T).Name}, found {found.Length}; the resources declared: {string.Join(", ", builder.Ids())}");
    }

    /// <summary>The file's desired content as UTF-8 text.</summary>
    public static string Text(this FileResource file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Encoding.UTF8.GetString([.. file.Content]);
    }
}
