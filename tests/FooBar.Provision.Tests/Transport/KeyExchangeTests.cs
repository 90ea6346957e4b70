using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace FooBar.Provision.Tests.Transport;

/// <summary>What the SSH.NET transport offers for <c>kex_algorithms:</c>, and what it says when the server takes none of them.</summary>
public sealed class KeyExchangeTests
{
    private static ConnectionInfo Info() => new("192.0.2.10", 22, "deploy", new NoneAuthenticationMethod("deploy"));

    [Fact]
    public void Every_name_an_inventory_may_list_is_one_SSHNET_can_offer()
    {
        var known = Info().KeyExchangeAlgorithms.Keys;

        Assert.All(KeyExchangeNames.Allowed, name => Assert.Contains(name, known));
        Assert.All(KeyExchangeNames.Refused.Keys, name => Assert.DoesNotContain(name, KeyExchangeNames.Allowed));
    }

    [Fact]
    public void The_listed_exchanges_are_offered_alone_in_the_listed_order()
    {
        var info = Info();

        SshNetEndpoint.OfferKeyExchanges(info, ["curve25519-sha256", "sntrup761x25519-sha512"]);

        Assert.Equal(["curve25519-sha256", "sntrup761x25519-sha512"], info.KeyExchangeAlgorithms.Keys);
        Assert.NotNull(info.KeyExchangeAlgorithms["curve25519-sha256"]());
    }

    [Fact]
    public void Without_a_list_the_default_offer_stays_and_puts_post_quantum_exchanges_first()
    {
        var info = Info();
        var before = info.KeyExchangeAlgorithms.Keys.ToArray();

        SshNetEndpoint.OfferKeyExchanges(info, []);

        Assert.Equal(before, info.KeyExchangeAlgorithms.Keys);
        Assert.All(before.Take(3), name => Assert.Contains(name, KeyExchangeNames.PostQuantum));
    }

    [Fact]
    public void A_server_that_takes_none_of_the_listed_exchanges_fails_the_host_naming_kex_algorithms()
    {
        var host = new HostEntry("www", "192.0.2.10") { KexAlgorithms = ["ecdh-sha2-nistp256"] };
        var refused = new SshConnectionException("No matching key exchange algorithm (server offers curve25519-sha256)", DisconnectReason.KeyExchangeFailed);

        var error = Assert.IsType<TransportException>(SshNetErrors.Connect(host, refused, "key /k"));

        Assert.Contains("No matching key exchange algorithm (server offers curve25519-sha256)", error.Message, StringComparison.Ordinal);
        Assert.Contains("none of its kex_algorithms (ecdh-sha2-nistp256)", error.Hint, StringComparison.Ordinal);
        var withoutList = Assert.IsType<TransportException>(SshNetErrors.Connect(host with { KexAlgorithms = [] }, refused, "key /k"));
        Assert.Contains("check its sshd KexAlgorithms", withoutList.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_OpenSSH_transport_names_kex_algorithms_when_ssh_refuses_a_name_or_the_server_takes_none()
    {
        var host = new HostEntry("www", "192.0.2.10") { KexAlgorithms = ["mlkem768x25519-sha256"] };

        var unknown = OpenSshErrors.OtherFailureHint(host, "Unsupported KEX algorithm \"mlkem768x25519-sha256\"\ncommand-line line 0: Bad SSH2 KexAlgorithms 'mlkem768x25519-sha256'.\n");
        var refused = OpenSshErrors.OtherFailureHint(host, "Unable to negotiate with 192.0.2.10 port 22: no matching key exchange method found. Their offer: curve25519-sha256\n");

        Assert.Contains("'ssh -Q kex' lists the ones it knows", unknown, StringComparison.Ordinal);
        Assert.Contains("none of its kex_algorithms (mlkem768x25519-sha256)", refused, StringComparison.Ordinal);
        Assert.Equal("Run the same ssh command by hand with -v to see why.", OpenSshErrors.OtherFailureHint(host, "Connection closed by 192.0.2.10 port 22\n"));
    }
}
