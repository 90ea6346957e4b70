using System.Net;
using FooBar.Provision.Verification;

namespace FooBar.Provision.Tests.Verification;

/// <summary>A resolver that answers from a table: no network. Unknown names are NXDOMAIN.</summary>
internal sealed class FakeDnsResolver : IDnsResolver
{
    private readonly Dictionary<string, IPAddress[]> _records = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Queries { get; } = [];

    public FakeDnsResolver With(string name, params string[] addresses)
    {
        _records[name] = addresses.Select(IPAddress.Parse).ToArray();
        return this;
    }

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        if (IPAddress.TryParse(name, out var literal))
        {
            return Task.FromResult<IReadOnlyList<IPAddress>>([literal]);
        }

        lock (Queries)
        {
            Queries.Add(name);
        }

        return _records.TryGetValue(name, out var addresses)
            ? Task.FromResult<IReadOnlyList<IPAddress>>(addresses)
            : Task.FromException<IReadOnlyList<IPAddress>>(new DnsException(DnsFailure.NameNotFound, $"{name} does not exist (NXDOMAIN from fake)"));
    }
}
