// Names for the generated wire types. Everything here is derived from schema.gen.ts.
import type { paths } from './schema.gen';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;
type Created<Op> = Op extends { responses: { 201: infer R } } ? Json<R> : never;
type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type MergePatchBody<Op> = Op extends { requestBody?: { content: { 'application/merge-patch+json': infer B } } }
  ? B
  : never;
type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type TokenResponse = Ok<paths['/api/v1/auth/token']['post']>;
export type Me = Ok<paths['/api/v1/me']['get']>;

export type CustomerPage = Ok<paths['/api/v1/customers']['get']>;
export type Customer = CustomerPage['items'][number];
export type CustomerQuery = Query<paths['/api/v1/customers']['get']>;
export type CustomerInput = JsonBody<paths['/api/v1/customers']['post']>;
export type CustomerType = Customer['type'];
export type CustomerKind = Customer['kind'];
export type LifecycleStage = NonNullable<Customer['lifecycleStage']>;
export type Address = NonNullable<Customer['address']>;

export type ContactPage = Ok<paths['/api/v1/contacts']['get']>;
export type Contact = ContactPage['items'][number];
export type ContactInput = JsonBody<paths['/api/v1/contacts']['post']>;

export type UserPage = Ok<paths['/api/v1/users']['get']>;
export type User = UserPage['items'][number];
export type CreateUserInput = JsonBody<paths['/api/v1/users']['post']>;
export type UserPatch = MergePatchBody<paths['/api/v1/users/{id}']['patch']>;
export type UserDirectoryPage = Ok<paths['/api/v1/users/directory']['get']>;
export type UserDirectoryEntry = UserDirectoryPage['items'][number];

export type DepartmentPage = Ok<paths['/api/v1/departments']['get']>;
export type Department = DepartmentPage['items'][number];
export type CreateDepartmentInput = JsonBody<paths['/api/v1/departments']['post']>;
export type CreatedDepartment = Created<paths['/api/v1/departments']['post']>;

export type ApiTokenPage = Ok<paths['/api/v1/api-tokens']['get']>;
export type ApiToken = ApiTokenPage['items'][number];
export type CreateApiTokenInput = JsonBody<paths['/api/v1/api-tokens']['post']>;
export type CreatedApiToken = Created<paths['/api/v1/api-tokens']['post']>;

export type CustomFieldPage = Ok<paths['/api/v1/custom-fields']['get']>;
export type CustomField = CustomFieldPage['items'][number];
export type CustomFieldEntity = CustomField['entity'];
export type CustomFieldType = CustomField['type'];
export type CreateCustomFieldInput = JsonBody<paths['/api/v1/custom-fields']['post']>;
export type UpdateCustomFieldInput = JsonBody<paths['/api/v1/custom-fields/{id}']['put']>;

export type ImportJobPage = Ok<paths['/api/v1/imports']['get']>;
export type ImportJob = ImportJobPage['items'][number];
export type ImportColumn = ImportJob['columns'][number];
export type ImportMode = ImportJob['mode'];
export type ImportStatus = ImportJob['status'];
export type ImportMergeStep = NonNullable<ImportJob['step']>;
export type StartImportQuery = Query<paths['/api/v1/imports']['post']>;

export type AuditEntryPage = Ok<paths['/api/v1/audit']['get']>;
export type AuditEntry = AuditEntryPage['items'][number];

export type WebhookPage = Ok<paths['/api/v1/webhooks']['get']>;
export type Webhook = WebhookPage['items'][number];
export type WebhookInput = JsonBody<paths['/api/v1/webhooks']['post']>;
export type CreatedWebhook = Created<paths['/api/v1/webhooks']['post']>;
export type WebhookDeliveryPage = Ok<paths['/api/v1/webhooks/{id}/deliveries']['get']>;
export type WebhookDelivery = WebhookDeliveryPage['items'][number];
export type WebhookDeliveryStatus = WebhookDelivery['status'];
