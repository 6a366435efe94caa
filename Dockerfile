# One image, several roles (Host__Role = web | worker | all).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Published for the image's architecture only: TorchSharp-cpu carries libtorch for every OS, and a RID-neutral
# publish copies all of them (1.2 GB per app instead of about 570 MB).
ARG TARGETARCH
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props Dashboard.sln ./
COPY src/Dashboard.Core/Dashboard.Core.csproj src/Dashboard.Core/
COPY src/Dashboard.Learning/Dashboard.Learning.csproj src/Dashboard.Learning/
COPY src/Dashboard.Web/Dashboard.Web.csproj src/Dashboard.Web/
COPY src/Dashboard.Cli/Dashboard.Cli.csproj src/Dashboard.Cli/
RUN dotnet restore src/Dashboard.Web/Dashboard.Web.csproj -a $TARGETARCH && dotnet restore src/Dashboard.Cli/Dashboard.Cli.csproj -a $TARGETARCH
COPY .editorconfig ./
COPY src/ src/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish src/Dashboard.Web/Dashboard.Web.csproj -c Release --no-restore -a $TARGETARCH --self-contained false -o /app/web \
 && dotnet publish src/Dashboard.Cli/Dashboard.Cli.csproj -c Release --no-restore -a $TARGETARCH --self-contained false -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/web ./
COPY --from=build /app/cli ./cli/
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__DataDirectory=/data
RUN mkdir -p /data && chown app:app /data
VOLUME /data
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
