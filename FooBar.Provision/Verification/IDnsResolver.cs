using System.Net;

namespace FooBar.Provision.Verification;

/// <summary>Resolves a DNS name to its addresses: the seam <see cref="SiteVerifier"/> looks names up through.</summary>
public interface IDnsResolver
{
    /// <summary>The addresses <paramref name="name"/> resolves to (an IP literal resolves to itself).</summary>
    /// <param name="name">A DNS name such as <c>www.foobar.com</c>, or an IP address.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>At least one address.</returns>
    /// <exception cref="DnsException">The name does not exist, has no address, or the server did not answer in time.</exception>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken = default);
}
