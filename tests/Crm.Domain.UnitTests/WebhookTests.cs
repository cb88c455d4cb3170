using System.Net;
using System.Security.Cryptography;
using System.Text;
using Crm.Domain.Webhooks;

namespace Crm.Domain.UnitTests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_0123456789abcdefghijklmnop";

    [Fact]
    public void IsTimestampAndHexHmacOfTimestampDotBody()
    {
        const string body = """{"id":"0193","type":"customer.created","data":{"name":"Zakład Łódzki"}}""";
        var header = WebhookSignature.Compute(Secret, 1_767_225_600, body);

        header.ShouldMatch("^t=1767225600,v1=[0-9a-f]{64}$");
        var expected = Convert.ToHexString(new HMACSHA256(Encoding.UTF8.GetBytes(Secret)).ComputeHash(Encoding.UTF8.GetBytes("1767225600." + body))).ToLowerInvariant();
        header.ShouldBe("t=1767225600,v1=" + expected);
    }

    [Fact]
    public void VerifiesTheSameBodyAndRefusesAnotherBodySecretOrAnOldTimestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
        var header = WebhookSignature.Compute(Secret, now.ToUnixTimeSeconds(), "{}");

        WebhookSignature.Verify(Secret, header, "{}", now.AddSeconds(30), TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify(Secret, header, "{ }", now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify(Secret + "x", header, "{}", now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify(Secret, header, "{}", now.AddMinutes(10), TimeSpan.FromMinutes(5)).ShouldBeFalse();
        WebhookSignature.Verify(Secret, "v1=abc", "{}", now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
    }
}

public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:c0a8:0101::1")]
    public void RefusesLoopbackPrivateLinkLocalUniqueLocalCgnatAndMulticast(string address) =>
        WebhookTargets.IsForbidden(IPAddress.Parse(address)).ShouldBeTrue(address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void AllowsPublicAddresses(string address) =>
        WebhookTargets.IsForbidden(IPAddress.Parse(address)).ShouldBeFalse(address);

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("api.localhost", true)]
    [InlineData("localhost.", true)]
    [InlineData("api.localhost.", true)]
    [InlineData("localhost.example.com", false)]
    [InlineData("erp.example.com", false)]
    public void LocalhostNamesAreLocal(string host, bool local) => WebhookTargets.IsLocalHostName(host).ShouldBe(local);
}

public sealed class WebhookRetryScheduleTests
{
    [Fact]
    public void DoublesFromTheBaseDelayUpToTheCap()
    {
        var schedule = new WebhookRetrySchedule(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24));
        Enumerable.Range(1, 6).Select(schedule.DelayAfter).ShouldBe(
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(160), TimeSpan.FromSeconds(320)]);
        schedule.DelayAfter(20).ShouldBe(TimeSpan.FromHours(1));
        schedule.DelayAfter(1000).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void GivesUpOnceTheNextAttemptWouldFallPast24Hours()
    {
        var schedule = WebhookRetrySchedule.Default;
        var created = DateTimeOffset.UnixEpoch;
        var now = created;
        var attempts = 0;
        while (schedule.NextAttempt(created, ++attempts, now) is { } next)
        {
            next.ShouldBeGreaterThan(now);
            now = next;
        }

        (now - created).ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(24));
        (now - created).ShouldBeGreaterThan(TimeSpan.FromHours(23));
        attempts.ShouldBeInRange(25, 40);
    }
}
