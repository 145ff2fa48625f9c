using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>
    /// The span APIs, clock types and ASP.NET Core / SignalR / gRPC types the span rules need, resolved once per
    /// compilation. Types a project does not reference stay null and the checks that need them are skipped.
    /// </summary>
    internal sealed class KnownSpanSymbols
    {
        private KnownSpanSymbols(Compilation compilation)
        {
            DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
            DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
            DateTimeKind = compilation.GetTypeByMetadataName("System.DateTimeKind");
            DateTimeStyles = compilation.GetTypeByMetadataName("System.Globalization.DateTimeStyles");
            TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
            TimeProvider = compilation.GetTypeByMetadataName("System.TimeProvider");
            Convert = compilation.GetTypeByMetadataName("System.Convert");
            Math = compilation.GetTypeByMetadataName("System.Math");
            DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
            TimeOnly = compilation.GetTypeByMetadataName("System.TimeOnly");
            JsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            StreamReader = compilation.GetTypeByMetadataName("System.IO.StreamReader");
            StringReader = compilation.GetTypeByMetadataName("System.IO.StringReader");
            BinaryReader = compilation.GetTypeByMetadataName("System.IO.BinaryReader");
            JsonDocument = compilation.GetTypeByMetadataName("System.Text.Json.JsonDocument");
            JsonNode = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
            Process = compilation.GetTypeByMetadataName("System.Diagnostics.Process");
            FileSystemInfo = compilation.GetTypeByMetadataName("System.IO.FileSystemInfo");
            File = compilation.GetTypeByMetadataName("System.IO.File");
            Directory = compilation.GetTypeByMetadataName("System.IO.Directory");
            TimeZoneInfo = compilation.GetTypeByMetadataName("System.TimeZoneInfo");

            Activity = compilation.GetTypeByMetadataName("System.Diagnostics.Activity");
            ActivitySource = compilation.GetTypeByMetadataName("System.Diagnostics.ActivitySource");
            ActivityEvent = compilation.GetTypeByMetadataName("System.Diagnostics.ActivityEvent");
            Tracer = compilation.GetTypeByMetadataName("OpenTelemetry.Trace.Tracer");
            TelemetrySpan = compilation.GetTypeByMetadataName("OpenTelemetry.Trace.TelemetrySpan");

            FromBodyMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata");
            FromHeaderMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata");
            FromQueryMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata");
            FromRouteMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata");
            FromFormMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata");
            FromServiceMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata");
            FromKeyedServicesAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute");
            AsParametersAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.AsParametersAttribute");
            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            NonActionAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonActionAttribute");
            EndpointRouteBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
            HttpRequest = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpRequest");
            HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            HttpRequestJsonExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpRequestJsonExtensions");
            Hub = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
            ApiBehaviorMetadata = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.Infrastructure.IApiBehaviorMetadata");
            ServiceCollectionServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
            ServiceCollectionDescriptorExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");

            // Grpc packages are often absent; when present these resolve from metadata (or from source in tests).
            BindServiceMethodAttribute = compilation.GetTypeByMetadataName("Grpc.Core.BindServiceMethodAttribute");
            ServerCallContext = compilation.GetTypeByMetadataName("Grpc.Core.ServerCallContext");

            NotBoundFromRequest = ImmutableHashSet.CreateRange<ITypeSymbol>(
                SymbolEqualityComparer.Default,
                new ITypeSymbol?[]
                {
                    CancellationToken,
                    TimeProvider,
                    Activity,
                    ActivitySource,
                    Tracer,
                    TelemetrySpan,
                    ServerCallContext,
                    compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext"),
                    HttpRequest,
                    compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse"),
                    compilation.GetTypeByMetadataName("System.Security.Claims.ClaimsPrincipal"),
                    compilation.GetTypeByMetadataName("System.IO.Stream"),
                    compilation.GetTypeByMetadataName("System.IO.Pipelines.PipeReader"),
                }.Where(t => t is not null)!);
        }

        public INamedTypeSymbol DateTime { get; }
        public INamedTypeSymbol? DateTimeOffset { get; }
        public INamedTypeSymbol? DateTimeKind { get; }
        public INamedTypeSymbol? DateTimeStyles { get; }
        public INamedTypeSymbol? TimeSpan { get; }
        public INamedTypeSymbol? TimeProvider { get; }
        public INamedTypeSymbol? Convert { get; }
        public INamedTypeSymbol? Math { get; }
        public INamedTypeSymbol? DateOnly { get; }
        public INamedTypeSymbol? TimeOnly { get; }
        public INamedTypeSymbol? JsonSerializer { get; }
        public INamedTypeSymbol? CancellationToken { get; }

        /// <summary>Readers and JSON documents built over a value (<c>new StreamReader(request.Body)</c>, <c>JsonDocument.Parse(json)</c>) carry its data on.</summary>
        public INamedTypeSymbol? StreamReader { get; }

        public INamedTypeSymbol? StringReader { get; }

        public INamedTypeSymbol? BinaryReader { get; }

        public INamedTypeSymbol? JsonDocument { get; }

        public INamedTypeSymbol? JsonNode { get; }

        /// <summary>System.Diagnostics.Process: StartTime and ExitTime are local times.</summary>
        public INamedTypeSymbol? Process { get; }

        /// <summary>System.IO.FileSystemInfo, File and Directory: CreationTime, LastWriteTime, LastAccessTime (and the Get* methods) are local times.</summary>
        public INamedTypeSymbol? FileSystemInfo { get; }

        public INamedTypeSymbol? File { get; }

        public INamedTypeSymbol? Directory { get; }

        /// <summary>System.TimeZoneInfo: a conversion to a zone other than TimeZoneInfo.Utc returns Kind Local or Unspecified.</summary>
        public INamedTypeSymbol? TimeZoneInfo { get; }

        public INamedTypeSymbol? Activity { get; }
        public INamedTypeSymbol? ActivitySource { get; }
        public INamedTypeSymbol? ActivityEvent { get; }
        public INamedTypeSymbol? Tracer { get; }
        public INamedTypeSymbol? TelemetrySpan { get; }

        public INamedTypeSymbol? FromBodyMetadata { get; }
        public INamedTypeSymbol? FromHeaderMetadata { get; }
        public INamedTypeSymbol? FromQueryMetadata { get; }
        public INamedTypeSymbol? FromRouteMetadata { get; }
        public INamedTypeSymbol? FromFormMetadata { get; }
        public INamedTypeSymbol? FromServiceMetadata { get; }
        public INamedTypeSymbol? FromKeyedServicesAttribute { get; }
        public INamedTypeSymbol? AsParametersAttribute { get; }
        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ControllerAttribute { get; }
        public INamedTypeSymbol? NonActionAttribute { get; }
        public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
        public INamedTypeSymbol? HttpRequest { get; }
        public INamedTypeSymbol? HttpContext { get; }

        /// <summary>An <c>HttpRequest</c> or <c>HttpContext</c> (or a type derived from one): a helper given one can read the client's data.</summary>
        public bool IsRequestObject(ITypeSymbol? type)
        {
            for (var current = type; current is not null && HttpRequest is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, HttpRequest) || SymbolEqualityComparer.Default.Equals(current, HttpContext))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A call that hands an <c>HttpRequest</c>/<c>HttpContext</c> to a method (as an argument or extension receiver).
        /// The receiver of a C# 14 extension-block member (<c>extension(HttpRequest request) { ... }</c>) is its instance,
        /// not an argument.
        /// </summary>
        public bool PassesRequestObject(Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance && IsRequestObject(instance.Type))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (IsRequestObject(argument.Value.Type))
                {
                    return true;
                }
            }

            return false;
        }
        public INamedTypeSymbol? HttpRequestJsonExtensions { get; }
        public INamedTypeSymbol? Hub { get; }

        /// <summary>Implemented by <c>[ApiController]</c>: such a controller's actions take registered service types from DI (.NET 7+).</summary>
        public INamedTypeSymbol? ApiBehaviorMetadata { get; }

        /// <summary><c>AddScoped/AddSingleton/AddTransient</c>: the project's service registrations (RegisteredServiceTypes).</summary>
        public INamedTypeSymbol? ServiceCollectionServiceExtensions { get; }

        /// <summary><c>TryAddScoped/TryAddSingleton/TryAddTransient</c>.</summary>
        public INamedTypeSymbol? ServiceCollectionDescriptorExtensions { get; }
        public INamedTypeSymbol? BindServiceMethodAttribute { get; }
        public INamedTypeSymbol? ServerCallContext { get; }

        /// <summary>Handler parameter types that ASP.NET Core fills from the server (context, services), never from the request body.</summary>
        public ImmutableHashSet<ITypeSymbol> NotBoundFromRequest { get; }

        /// <summary>Resolves the symbols, or returns null when the compilation references no span API at all.</summary>
        public static KnownSpanSymbols? TryCreate(Compilation compilation)
        {
            var symbols = new KnownSpanSymbols(compilation);
            return symbols.Activity is null && symbols.Tracer is null && symbols.TelemetrySpan is null ? null : symbols;
        }

        /// <summary>
        /// False when the compilation references none of the types a client source is recognised by (ASP.NET Core
        /// binding metadata, minimal-API routing, MVC controllers, SignalR hubs, gRPC services, HttpRequest and its JSON
        /// extensions): ClientParameterClassifier and ClientTaintEvaluator then never produce a client source, so AIL0101
        /// cannot be reported.
        /// </summary>
        public bool CanHaveClientSources =>
            FromBodyMetadata is not null || FromHeaderMetadata is not null || FromQueryMetadata is not null
            || FromRouteMetadata is not null || FromFormMetadata is not null || AsParametersAttribute is not null
            || EndpointRouteBuilderExtensions is not null || ControllerBase is not null || Hub is not null
            || BindServiceMethodAttribute is not null || HttpRequest is not null || HttpRequestJsonExtensions is not null;

        public bool IsTimeType(ITypeSymbol? type) =>
            type is not null && (SymbolEqualityComparer.Default.Equals(type, DateTime) || SymbolEqualityComparer.Default.Equals(type, DateTimeOffset));

        public bool IsDateTime(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, DateTime);

        /// <summary><c>DateTime?</c>: a stamp that starts out null (<c>private DateTime? started;</c>) and is read with <c>.Value</c>.</summary>
        public bool IsNullableDateTime(ITypeSymbol? type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
            && IsDateTime(nullable.TypeArguments[0]);

        public bool IsDateTimeOffset(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, DateTimeOffset);

        /// <summary>True for the types whose static members and constructors convert a value without adding a new clock reading.</summary>
        public bool IsConversionType(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_DateTime:
                    return true;
            }

            var comparer = SymbolEqualityComparer.Default;
            return comparer.Equals(type, DateTimeOffset) || comparer.Equals(type, TimeSpan) || comparer.Equals(type, Convert)
                || comparer.Equals(type, Math) || comparer.Equals(type, DateOnly) || comparer.Equals(type, TimeOnly)
                || comparer.Equals(type, JsonSerializer)
                // A reader or JSON document over the request body (a webhook reading its raw body) carries the body on.
                || comparer.Equals(type, StreamReader) || comparer.Equals(type, StringReader) || comparer.Equals(type, BinaryReader)
                || comparer.Equals(type, JsonDocument) || comparer.Equals(type, JsonNode);
        }
    }
}
