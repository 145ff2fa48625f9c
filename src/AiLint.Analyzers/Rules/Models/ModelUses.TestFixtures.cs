using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// In a unit-test project, the provider-neutral requests whose model id is checked only when the member sends them
    /// to a client it built from an SDK.
    /// </summary>
    internal sealed partial class ModelUses
    {
        /// <summary>
        /// In a unit-test project, <c>new ChatOptions { ModelId = "gpt-4-0613" }</c> handed to an in-process fake is a
        /// fixture, not a request to a provider: a provider-neutral request's model id is checked there only when the
        /// same member visibly sends the request to a client it built from an SDK (or to a kernel it registered a chat
        /// service on). Concrete SDK clients (<c>new ChatClient("gpt-4-0613", key)</c>) are checked as anywhere else.
        /// </summary>
        private void CheckFixtureRequests(System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (FixtureRequests == null)
            {
                return;
            }

            foreach (var (assignment, key) in FixtureRequests)
            {
                if (!SentToRealClient(key))
                {
                    continue;
                }

                slot = assignment;
                if (CheckModelId(assignment.Value, report, cancellationToken) is { } row)
                {
                    SetModel(key, row);
                }
            }
        }

        private bool SentToRealClient(object options)
        {
            if (KernelSettings != null && KernelSettings.Contains(options))
            {
                return kernelRegistrations > 0;
            }

            if (RealClients == null || CallsWithOptions is not { } calls)
            {
                return false;
            }

            foreach (var call in calls)
            {
                var receiver = call switch
                {
                    IInvocationOperation invocation => invocation.Instance
                        ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
                    IObjectCreationOperation creation when creation.Arguments.Length > 0 => creation.Arguments[0].Value,
                    _ => null,
                };
                if (receiver == null || !RealClients.Contains(KeyOf(ModelIdValue.Unwrap(receiver))))
                {
                    continue;
                }

                var arguments = call is IInvocationOperation withArguments ? withArguments.Arguments : ((IObjectCreationOperation)call).Arguments;
                foreach (var argument in arguments)
                {
                    foreach (var carried in OptionsIn(argument.Value))
                    {
                        if (KeyComparer.Instance.Equals(KeyOf(carried), options))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
