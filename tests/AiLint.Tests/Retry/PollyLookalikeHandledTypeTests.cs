using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Retry.RetryTestSupport;

namespace AiLint.Tests.Retry;

/// <summary>
/// What a Polly v7 retry policy handles (RetriedExceptions, for a catch that swallows every retried exception) is read
/// from Polly's own builder types (<c>Policy</c>, <c>Policy&lt;T&gt;</c>, <c>PolicyBuilder</c>,
/// <c>PolicyBuilder&lt;T&gt;</c>) and retry policy types, resolved once per compilation: a project class declared in a
/// namespace named <c>Polly</c> is not Polly, whatever its methods are called.
/// </summary>
public class PollyLookalikeHandledTypeTests
{
    private const string LocalUsings = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Polly;

        """;

    private const string PostUrl = "https://api.openai.com/v1/chat/completions";

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        RetryTestSupport.VerifyAsync("AIL0001", LocalUsings + source, expected);

    /// <summary>
    /// <c>Policy&lt;Reply&gt;.Handle&lt;T&gt;()</c> (the generic builder) and a chain with <c>Or&lt;T&gt;()</c>: one
    /// catch takes every handled type, so the policy never goes round. The twin's catch takes only the chain's first
    /// type (<c>TaskCanceledException</c>); an <c>OperationCanceledException</c> still leaves, and the request is sent again.
    /// </summary>
    [Fact]
    public Task Handled_types_of_the_generic_builder_and_an_Or_chain_are_read_from_Pollys_types() => VerifyAsync(
        $$"""
        public class Reply { public bool Ok { get; set; } }

        public class Probe(HttpClient http)
        {
            public Task<Reply> Generic(HttpContent body) => Policy<Reply>.Handle<HttpRequestException>().RetryAsync(2).ExecuteAsync(async () =>
            {
                try { var r = await http.PostAsync("{{PostUrl}}", body); return new Reply { Ok = r.IsSuccessStatusCode }; }
                catch (HttpRequestException) { return new Reply(); }
            });

            public Task<Reply> BothCaught(HttpContent body) => Policy.Handle<TaskCanceledException>().Or<OperationCanceledException>().RetryAsync(2).ExecuteAsync(async () =>
            {
                try { var r = await http.PostAsync("{{PostUrl}}", body); return new Reply { Ok = r.IsSuccessStatusCode }; }
                catch (OperationCanceledException) { return new Reply(); }
            });

            public Task<Reply> CancellationEscapes(HttpContent body) => Policy.Handle<TaskCanceledException>().Or<OperationCanceledException>().RetryAsync(2).ExecuteAsync(async () =>
            {
                try { var r = await http.{|#0:PostAsync|}("{{PostUrl}}", body); return new Reply { Ok = r.IsSuccessStatusCode }; }
                catch (TaskCanceledException) { return new Reply(); }
            });
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("PostAsync", "AsyncRetryPolicy.ExecuteAsync"));

    /// <summary>
    /// The project's shorthand, declared in a namespace named <c>Polly</c>, whose <c>Handle&lt;T&gt;()</c> also handles
    /// timeouts: its type argument does not bound what the policy retries. A display-string test of the namespace took
    /// it for Polly's <c>Handle&lt;T&gt;</c> and the catch of <c>HttpRequestException</c> for a swallowing one.
    /// </summary>
    [Fact]
    public Task A_project_Handle_in_a_namespace_named_Polly_does_not_narrow_what_is_retried() => VerifyAsync(
        $$"""
        namespace Polly
        {
            public static class Transient
            {
                public static PolicyBuilder Handle<TException>() where TException : Exception =>
                    Policy.Handle<TException>().Or<TaskCanceledException>();
            }
        }

        public class Reply { public bool Ok { get; set; } }

        public class Probe(HttpClient http)
        {
            public Task<Reply> Ask(HttpContent body) => Transient.Handle<HttpRequestException>().RetryAsync(2).ExecuteAsync(async () =>
            {
                try { var r = await http.{|#0:PostAsync|}("{{PostUrl}}", body); return new Reply { Ok = r.IsSuccessStatusCode }; }
                catch (HttpRequestException) { return new Reply(); }
            });
        }
        """,
        Diagnostic("AIL0001").WithLocation(0).WithArguments("PostAsync", "AsyncRetryPolicy.ExecuteAsync"));

    [Fact]
    public async Task Half_typed_policy_chains_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer>
        {
            TestCode = LocalUsings + $$"""
                public class Reply { public bool Ok { get; set; } }

                public class Probe(HttpClient http)
                {
                    public Task<Reply> A(HttpContent body) => Policy.Handle<Missing>().Or<>().RetryAsync(2).ExecuteAsync(async () =>
                    {
                        try { var r = await http.PostAsync("{{PostUrl}}", body); return new Reply(); }
                        catch (Missing) { return new Reply(); }
                    });

                    public Task<Reply> B(HttpContent body) => Unknown.Handle<HttpRequestException>().RetryAsync(.ExecuteAsync(async () =>
                    {
                        try { var r = await http.PostAsync("{{PostUrl}}", body); return new Reply(); }
                        catch (HttpRequestException) { return new Reply(); }
                    });
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            MarkupDiagnosticId = "AIL0001",
        };
        await test.RunAsync();
    }
}
