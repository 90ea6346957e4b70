using FooBar.Provision.Inventory;

namespace FooBar.Provision.Rolling;

/// <summary>One load balancer in front of one backend host: who, through which provider, under which server name.</summary>
internal sealed record BalancerFront(HostEntry Balancer, IDrainProvider Provider, DrainTarget Target)
{
    public override string ToString() => $"{Balancer.Name} ({Target})";
}
