# API image. Build: docker build -t crm-api .   (needs a Docker engine; the two README commands do not)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Crm.Api.sln ./
COPY .config/ .config/
COPY contracts/ contracts/
COPY api/ api/
RUN dotnet publish api/Crm.Web -c Release -o /app -p:GenerateOpenApi=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_gcServer=1
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "Crm.Web.dll"]
