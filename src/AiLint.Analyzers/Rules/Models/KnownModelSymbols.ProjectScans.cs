// KnownModelSymbols: the project scans made once per compilation on first need (redirected clients, AddHttpClient registrations, the sole DI chat registration) and their caches; apart from the SDK symbols because they walk the project's code.
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    internal sealed partial class KnownModelSymbols
    {
        // The project's OpenAI clients for another server and where they are handed out, computed on first need.
        private RedirectedClients? redirectedClients;

        // The project's AddHttpClient registrations (ConfiguredHttpClients), scanned on first need.
        private ConfiguredHttpClients.Registrations? httpClientRegistrations;

        // The project's only DI chat service registration (ProjectChatRegistrations), boxed: null inside is an answer too.
        private StrongBox<IInvocationOperation?>? soleChatRegistration;

        /// <summary>
        /// The project's OpenAI clients for another server (<see cref="OtherEndpoints"/>) and the types the code hands
        /// them out as: a client the code at hand does not create (injected, from a property) may be one of them when
        /// its type is one of those. Computed once per compilation, on first need (concurrent first calls compute the
        /// same answer).
        /// </summary>
        public RedirectedClients ProjectRedirectedClients(System.Threading.CancellationToken cancellationToken)
        {
            var found = System.Threading.Volatile.Read(ref redirectedClients);
            if (found == null)
            {
                found = OtherEndpoints.ProjectCreatesClientElsewhere(compilation, this, cancellationToken);
                found = System.Threading.Interlocked.CompareExchange(ref redirectedClients, found, null) ?? found;
            }

            return found;
        }

        /// <summary>Whether a provider-neutral request (<see cref="IsProviderNeutralRequest"/>) may reach one of the project's clients for another server.</summary>
        public bool ProjectRedirectsOpenAI(System.Threading.CancellationToken cancellationToken) =>
            ProjectRedirectedClients(cancellationToken).AnyHandedOut;

        /// <summary>The project's <c>AddHttpClient</c> registrations (<see cref="ConfiguredHttpClients.Scan"/>), scanned once per compilation on first need.</summary>
        public ConfiguredHttpClients.Registrations HttpClientRegistrations(System.Threading.CancellationToken cancellationToken)
        {
            var found = System.Threading.Volatile.Read(ref httpClientRegistrations);
            if (found == null)
            {
                found = ConfiguredHttpClients.Scan(compilation, this, cancellationToken);
                found = System.Threading.Interlocked.CompareExchange(ref httpClientRegistrations, found, null) ?? found;
            }

            return found;
        }

        /// <summary>The project's only chat service registration, made on DI (<see cref="ProjectChatRegistrations"/>); computed once per compilation.</summary>
        public IInvocationOperation? SoleChatRegistration(System.Threading.CancellationToken cancellationToken)
        {
            var found = System.Threading.Volatile.Read(ref soleChatRegistration);
            if (found == null)
            {
                found = new StrongBox<IInvocationOperation?>(ProjectChatRegistrations.SoleDiRegistration(compilation, this, cancellationToken));
                found = System.Threading.Interlocked.CompareExchange(ref soleChatRegistration, found, null) ?? found;
            }

            return found.Value;
        }
    }
}
