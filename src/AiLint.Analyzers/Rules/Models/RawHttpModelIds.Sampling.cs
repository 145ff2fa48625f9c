using System;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// AIL0504 on a raw request body: <c>new { model = "gpt-6-astra", temperature = 0.2, messages }</c> posted to OpenAI's
    /// chat completions, or <c>{ ["model"] = "claude-sonnet-5", ["top_k"] = 40 }</c> to Anthropic's Messages API. The
    /// model is the one the body's <c>model</c> member spells as a constant (the same member AIL0501-AIL0503 read), looked
    /// up in the view of the table whose ids count at the endpoint; the sampling members are those the provider's JSON
    /// spells, exactly (a DTO member by its JSON name). A model the code does not fix (configuration, a choice) links
    /// nothing.
    /// </summary>
    internal sealed partial class RawHttpModelIds
    {
        // The wire names of the sampling parameters a reasoning model rejects, per provider (SamplingRules decides the
        // defaults). Anthropic's Messages API has no penalties or logprobs; claude-sonnet-5 rejects top_k too.
        private static readonly string[] OpenAISamplingMembers = { "temperature", "top_p", "frequency_penalty", "presence_penalty", "logprobs", "top_logprobs" };
        private static readonly string[] AnthropicSamplingMembers = { "temperature", "top_p", "top_k" };

        private void CheckBodySampling(IOperation body, System.Collections.Generic.List<BodyModel> models, ModelTable view, Compilation compilation, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            // One model member, spelled as a constant the code fixes: the model the request certainly names.
            if (models.Count != 1
                || (models[0].Id ?? (models[0].Value is { } value ? ModelIdValue.Fold(value, cancellationToken) : null)) is not { } id
                || view.Find(id) is not { IsReasoning: true } row
                || RequestBodyShape.Of(body, compilation, cancellationToken).Object is not { } created)
            {
                return;
            }

            var wireNames = row.Provider == AnthropicProvider ? AnthropicSamplingMembers : OpenAISamplingMembers;
            foreach (var member in created.Members)
            {
                if (member.Kind == BodyMemberKind.Argument
                    || Array.IndexOf(wireNames, member.Key) < 0
                    || member.Value.Operation is not { } operation
                    || ReportAt(operation) is not { } location)
                {
                    continue;
                }

                // A value that does not bind (half-typed code) is not one the request is known to send.
                var chosen = SamplingGuards.Chosen(operation, out var undecidedModelTest, cancellationToken);
                if (undecidedModelTest
                    || ModelIdValue.Unwrap(chosen) is IInvalidOperation { }
                    || ModelIdValue.Unwrap(chosen).Type is { TypeKind: TypeKind.Error }
                    || SamplingRules.IsDefaultOrNullWireValue(member.Key, chosen)
                    || (operation.Parent is ISimpleAssignmentOperation assignment && !SamplingGuards.MayRun(assignment, cancellationToken)))
                {
                    continue;
                }

                var diagnostic = Diagnostic.Create(Descriptors.AIL0504, location, row.Id, member.Key);
                if (FirstReport(diagnostic))
                {
                    report(diagnostic);
                }
            }
        }

        /// <summary>
        /// The member as written: <c>temperature = 0.2</c> in an anonymous object, <c>["temperature"] = 0.2</c> (which the
        /// code fix removes) or <c>{ "temperature", 0.2 }</c> in a collection initializer; null for a value in JSON text.
        /// </summary>
        private static Location? ReportAt(IOperation value)
        {
            for (var node = value.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case IConversionOperation:
                    case IArgumentOperation:
                        continue;
                    case ISimpleAssignmentOperation assignment:
                        return assignment.Syntax.GetLocation();
                    case IInvocationOperation add:
                        return add.Syntax.GetLocation();
                    default:
                        return null;
                }
            }

            return null;
        }
    }
}
