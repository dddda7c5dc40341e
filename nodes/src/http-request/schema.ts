import type { FromSchema } from 'json-schema-to-ts';
import { VARIABLE_PATTERN } from '../common-schemas';

export const httpRequestSchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    method: {
      type: 'string',
      enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      title: 'Method / 方法',
      default: 'POST',
    },
    url: {
      type: 'string',
      minLength: 1,
      maxLength: 2000,
      title: 'Address (URL) / 网址',
      description:
        'https://… ; {{vars.x}} may appear after the host. Private addresses are blocked. / 主机名之后可用 {{vars.x}}；禁止内网地址。',
    },
    headers: {
      type: 'array',
      title: 'Headers / 请求头',
      maxItems: 20,
      items: {
        type: 'object',
        required: ['name', 'value'],
        additionalProperties: false,
        properties: {
          name: {
            type: 'string',
            pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
            maxLength: 100,
            title: 'Name / 名称',
          },
          value: { type: 'string', maxLength: 2000, title: 'Value / 值' },
        },
      },
      default: [],
    },
    body: { type: 'string', maxLength: 20000, title: 'Body / 请求体' },
    timeoutSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: 60,
      title: 'Timeout (seconds) / 超时（秒）',
      default: 10,
    },
    retries: { type: 'integer', minimum: 0, maximum: 5, title: 'Retries / 重试次数', default: 2 },
    saveAs: {
      type: 'string',
      pattern: VARIABLE_PATTERN,
      maxLength: 64,
      title: 'Save the response body in variable / 响应保存到变量',
      description:
        'A JSON answer keeps its fields: {{vars.order.status}} / JSON 响应保留字段，例如 {{vars.order.status}}',
    },
  },
} as const;
export type HttpRequestConfig = FromSchema<typeof httpRequestSchema>;
